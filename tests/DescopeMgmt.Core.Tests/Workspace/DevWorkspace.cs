using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Workspace;

/// <summary>The two-environment workspace with the files a test gives, loaded for dev, and its errors as one text.</summary>
internal static class DevWorkspace
{
    public static LoadedWorkspace Load(params (string File, string Text)[] files)
    {
        var builder = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments);
        foreach (var (file, text) in files)
        {
            builder.File(file, text);
        }

        return WorkspaceLoader.Load(builder.Root, "dev", _ => null);
    }

    public static string Errors(LoadedWorkspace loaded) =>
        string.Join("\n", loaded.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString()));
}
