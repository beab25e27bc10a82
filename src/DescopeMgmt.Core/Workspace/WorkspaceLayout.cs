namespace DescopeMgmt.Core.Workspace;

/// <summary>File names of the workspace.</summary>
public static class WorkspaceLayout
{
    public const string FlowsFolder = "flows";
    public const string ThemeFile = "theme.json";
    public const string TenantsFile = "tenants.yaml";

    /// <summary>The flow's file; throws for an ID that is not a safe file name (<see cref="Model.ItemIds"/>).</summary>
    public static string FlowPath(string root, string flowId) => Path.Combine(root, FlowsFolder, Flows.FlowIds.FileName(flowId));

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
