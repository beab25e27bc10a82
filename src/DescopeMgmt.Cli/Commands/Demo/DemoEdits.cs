using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Live;
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

        // The viewer role may now export reports too.
        var rolesPath = Path.Combine(workspace, "roles.yaml");
        const string viewer = "permissions: [\"projects.read\"]\n";
        var roles = File.ReadAllText(rolesPath);
        var at = roles.IndexOf(viewer, roles.IndexOf("name: \"Viewer\"", StringComparison.Ordinal), StringComparison.Ordinal);
        AtomicFile.WriteAllText(rolesPath, roles[..at] + "permissions: [\"projects.read\", \"reports.export\"]\n" + roles[(at + viewer.Length)..], isPrivate: false);

        var tenantsPath = Path.Combine(workspace, "tenants.yaml");
        AtomicFile.WriteAllText(tenantsPath, File.ReadAllText(tenantsPath).Replace("\"Acme Corp\"", "\"Acme Corporation\"", StringComparison.Ordinal), isPrivate: false);
    }

    /// <summary>A change made outside descope-mgmt, as a colleague in the Descope console would make it.</summary>
    public static async Task RenameTenantOutOfBandAsync(Uri baseUrl, string projectId, string key, CancellationToken cancellationToken)
    {
        using var client = new DescopeClient(new DescopeClientOptions { ProjectId = projectId, ManagementKey = key, BaseUrl = baseUrl });
        var live = new LiveState(client);
        var tenant = ResourceKey.Tenant("globex");
        var document = await live.GetAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The sample project has no tenant 'globex'.");
        document["name"] = "Globex (renamed in the console)";
        await live.PutAsync(tenant, document, exists: true, cancellationToken).ConfigureAwait(false);
    }
}
