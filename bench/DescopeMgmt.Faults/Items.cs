using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Faults;

/// <summary>One tenant or flow of a scenario: its state (name) before the run and the state the run wants (null = absent).</summary>
internal sealed record Item(string Key, string? Before, string? Desired)
{
    public bool IsFlow => Key.StartsWith("flow:", StringComparison.Ordinal);

    public string Id => Key[(Key.IndexOf(':', StringComparison.Ordinal) + 1)..];
}

/// <summary>Builds the starting state live and the desired state as workspace files.</summary>
internal static class Fixture
{
    /// <summary>
    /// The standard change: <paramref name="tenants"/> tenants renamed v1 → <paramref name="to"/> (the last
    /// one deleted when <paramref name="delete"/>), <paramref name="created"/> new tenants, and
    /// <paramref name="flows"/> flows renamed.
    /// </summary>
    public static List<Item> Change(int tenants, int created, int flows, bool delete, string to = "v2")
    {
        var items = new List<Item>();
        for (var i = 0; i < tenants; i++)
        {
            items.Add(new Item($"tenant:t{i:D3}", $"Tenant t{i:D3} v1", delete && i == tenants - 1 ? null : $"Tenant t{i:D3} {to}"));
        }

        for (var i = 0; i < created; i++)
        {
            items.Add(new Item($"tenant:n{i:D3}", null, $"Tenant n{i:D3} {to}"));
        }

        for (var i = 0; i < flows; i++)
        {
            items.Add(new Item($"flow:f{i:D3}", $"Flow f{i:D3} v1", $"Flow f{i:D3} {to}"));
        }

        return items;
    }

    public static JsonObject Flow(string id, string name)
    {
        var flow = FlowGenerator.Create(id, taskCount: 12, seed: id.Sum(c => c));
        flow["metadata"]!["name"] = name;
        return flow;
    }

    /// <summary>Puts every item's <see cref="Item.Before"/> state live through a clean emulator.</summary>
    public static async Task SeedAsync(Uri baseUrl, IEnumerable<Item> items)
    {
        using var api = new LiveApi(baseUrl);
        foreach (var item in items.Where(i => i.Before is not null))
        {
            if (item.IsFlow)
            {
                await api.ImportFlowAsync(Flow(item.Id, item.Before!));
            }
            else
            {
                await api.CreateTenantAsync(item.Id, item.Before!);
            }
        }
    }

    /// <summary>Writes a workspace whose files hold every item's desired state; deletions need deleteMissing.</summary>
    public static void WriteWorkspace(string folder, IEnumerable<Item> items, bool deleteMissing)
    {
        var flowsDir = Path.Combine(folder, "flows");
        if (Directory.Exists(flowsDir))
        {
            Directory.Delete(flowsDir, recursive: true);
        }

        Directory.CreateDirectory(flowsDir);
        File.WriteAllText(Path.Combine(folder, "descope.yaml"), $"""
            version: 1
            environments:
              faults:
                projectId: {Sandbox.ProjectId}
                managementKey: ${"{"}DESCOPE_FAULTS_MANAGEMENT_KEY{"}"}
            defaultEnvironment: faults
            manage:
              flows: all
              tenants: true
              theme: false
              deleteMissing: {(deleteMissing ? "true" : "false")}

            """);
        var yaml = new StringBuilder("tenants:\n");
        foreach (var item in items.Where(i => i.Desired is not null))
        {
            if (item.IsFlow)
            {
                File.WriteAllText(Path.Combine(flowsDir, item.Id + ".json"), Flow(item.Id, item.Desired!).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                yaml.Append("  - id: \"").Append(item.Id).Append("\"\n    name: \"").Append(item.Desired).Append("\"\n");
            }
        }

        // An empty tenants.yaml is an error (malformed is never absent): "none" is spelled `tenants: []`.
        File.WriteAllText(Path.Combine(folder, "tenants.yaml"), items.Any(i => !i.IsFlow && i.Desired is not null) ? yaml.ToString() : "tenants: []\n");
    }
}
