using System.Text.Json.Nodes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Planning;

/// <summary>
/// Compares the workspace with live and orders the result for a safe apply: the theme, then flows
/// (sub-flows before the flows that call them), then tenants (parents before children), deletions last
/// (children first). Live items the workspace does not hold are unmanaged and never deleted unless
/// <c>manage.deleteMissing</c> is true.
/// </summary>
public static class Planner
{
    public static Plan Create(LoadedWorkspace workspace, LiveSnapshot live, PlanScope scope)
    {
        var manage = workspace.Config.Manage;
        var changes = new List<ResourceChange>();
        var deletions = new List<ResourceChange>();
        var unmanaged = new List<ResourceKey>();

        if (scope.Theme && manage.Theme && workspace.Theme is { } theme)
        {
            changes.Add(Compare(ResourceKey.Theme, live.Theme, theme));
        }

        if (scope.Flows)
        {
            var desired = workspace.Flows.Values.Where(f => manage.ManagesFlow(f.Id)).ToDictionary(f => f.Id, f => f.Document, StringComparer.Ordinal);
            foreach (var id in FlowOrder(desired))
            {
                var sameParts = ElementEquality.ForFlow(live.FlowParts.GetValueOrDefault(id), workspace.Flows[id].Raw);
                changes.Add(Compare(ResourceKey.Flow(id), live.Flows.GetValueOrDefault(id), desired[id], sameParts));
            }

            foreach (var (id, flow) in live.Flows.Where(f => !desired.ContainsKey(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (manage.DeleteMissing && manage.ManagesFlow(id))
                {
                    deletions.Add(new ResourceChange(ResourceKey.Flow(id), ChangeAction.Delete, [], flow, null));
                }
                else
                {
                    unmanaged.Add(ResourceKey.Flow(id));
                }
            }
        }

        if (scope.Tenants && manage.Tenants && workspace.Tenants is { } tenants)
        {
            var desired = tenants.ToDictionary(t => t.Id, t => t.Document, StringComparer.Ordinal);
            foreach (var id in ParentsFirst(desired))
            {
                changes.Add(Compare(ResourceKey.Tenant(id), live.Tenants.GetValueOrDefault(id), desired[id]));
            }

            var missing = live.Tenants.Where(t => !desired.ContainsKey(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            foreach (var id in ParentsFirst(missing).Reverse())
            {
                if (manage.DeleteMissing)
                {
                    deletions.Add(new ResourceChange(ResourceKey.Tenant(id), ChangeAction.Delete, [], missing[id], null));
                }
                else
                {
                    unmanaged.Add(ResourceKey.Tenant(id));
                }
            }
        }

        return new Plan([.. changes, .. deletions], unmanaged);
    }

    private static ResourceChange Compare(ResourceKey key, JsonObject? live, JsonObject desired, Func<string, bool?>? sameTopLevel = null)
    {
        if (live is null)
        {
            return new ResourceChange(key, ChangeAction.Create, [], null, desired);
        }

        var properties = JsonDiff.Compare(live, desired, DiffOptions.For(key.Type), sameTopLevel);
        return new ResourceChange(key, properties.Count == 0 ? ChangeAction.NoChange : ChangeAction.Update, properties, live, desired);
    }

    /// <summary>Flows called by another flow (a task of type "flow") come before their callers.</summary>
    private static IEnumerable<string> FlowOrder(IReadOnlyDictionary<string, JsonObject> flows)
    {
        var calls = flows.ToDictionary(
            f => f.Key,
            f => (f.Value["contents"]?["tasks"] as JsonObject ?? [])
                .Select(t => t.Value?["arguments"]?["flowId"] is { } arg ? (arg["value"] ?? arg)?.ToString() : null)
                .OfType<string>()
                .Where(flows.ContainsKey)
                .ToList(),
            StringComparer.Ordinal);
        return TopologicalOrder(calls);
    }

    private static IEnumerable<string> ParentsFirst(IReadOnlyDictionary<string, JsonObject> tenants)
    {
        var parents = tenants.ToDictionary(
            t => t.Key,
            t => t.Value["parent"]?.ToString() is { Length: > 0 } parent && tenants.ContainsKey(parent) ? new List<string> { parent } : [],
            StringComparer.Ordinal);
        return TopologicalOrder(parents);
    }

    /// <summary>Each ID after its dependencies, otherwise by ID; cycles are broken by ID order.</summary>
    private static List<string> TopologicalOrder(Dictionary<string, List<string>> dependencies)
    {
        var result = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        void Visit(string id)
        {
            if (state.ContainsKey(id))
            {
                return;
            }

            state[id] = false;
            foreach (var dependency in dependencies[id].Order(StringComparer.Ordinal))
            {
                Visit(dependency);
            }

            state[id] = true;
            result.Add(id);
        }

        foreach (var id in dependencies.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id);
        }

        return result;
    }
}
