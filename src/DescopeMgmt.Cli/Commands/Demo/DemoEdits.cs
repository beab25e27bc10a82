using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Cli.Commands.Demo;

/// <summary>The edits the demo makes to its workspace files, standing in for a person's editor.</summary>
internal static class DemoEdits
{
    public static void EditWorkspace(string workspace)
    {
        var flowPath = Path.Combine(workspace, "flows", "sign-up-or-in.json");
        var flow = JsonNode.Parse(File.ReadAllText(flowPath))!.AsObject();
        flow["metadata"]!["name"] = "Sign Up or In (new welcome screen)";
        flow["contents"]!["tasks"]!["1"]!["name"] = "Welcome v2";
        AtomicFile.WriteAllText(flowPath, CanonicalJson.Serialize(flow), isPrivate: false);

        var tenantsPath = Path.Combine(workspace, "tenants.yaml");
        AtomicFile.WriteAllText(tenantsPath, File.ReadAllText(tenantsPath).Replace("\"Acme Corp\"", "\"Acme Corporation\"", StringComparison.Ordinal), isPrivate: false);
    }
}
