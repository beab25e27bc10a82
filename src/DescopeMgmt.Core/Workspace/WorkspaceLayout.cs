namespace DescopeMgmt.Core.Workspace;

/// <summary>Paths inside a workspace; each kind names its own file.</summary>
public static class WorkspaceLayout
{
    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
