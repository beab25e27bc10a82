using System.Text.Json;
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
            var desired = workspace.Flows.Values.Where(f => manage.ManagesFlow(f.Id)).ToDictionary(f => f.Id, StringComparer.Ordinal);
            // Hundreds of flows of up to 200 tasks: compare them on every core. Each comparison touches only its
            // own flow's nodes; the snapshot document they may share is read-only, and reading a JsonDocument
            // from several threads is safe. The result keeps the safe order.
            var order = FlowOrder(desired).ToList();
            var compared = new ResourceChange[order.Count];
            try
            {
                Parallel.For(0, order.Count, i =>
                {
                    var flow = desired[order[i]];
                    var sameParts = ElementEquality.ForFlow(live.FlowParts.GetValueOrDefault(flow.Id), flow.Raw);
                    compared[i] = Compare(ResourceKey.Flow(flow.Id), live.Flows.GetValueOrDefault(flow.Id), flow.Document, sameParts);
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                // Report the first real error (a malformed live flow, say), not "one or more errors occurred".
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            }

            changes.AddRange(compared);

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
                var current = live.Tenants.GetValueOrDefault(id);
                EnsureSameParent(id, current, desired[id]);
                changes.Add(Compare(ResourceKey.Tenant(id), current, desired[id]));
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

    /// <summary>
    /// The Management API sets a tenant's parent only at creation; a plan that changed it would be
    /// applied, fail verification, and be planned again forever. Say so before anything runs.
    /// </summary>
    private static void EnsureSameParent(string id, JsonObject? live, JsonObject desired)
    {
        static string Parent(JsonObject tenant) => tenant["parent"]?.ToString() ?? "";
        if (live is not null && Parent(live) != Parent(desired))
        {
            throw new UserError("parent_change",
                $"Tenant '{id}' has parent '{Parent(live)}' live but '{Parent(desired)}' in tenants.yaml; the Management API cannot move a tenant.",
                (Parent(live).Length == 0 ? "Remove its `parent:` from tenants.yaml" : $"Put `parent: {Parent(live)}` back in tenants.yaml") +
                $", or delete the tenant (`descope-mgmt tenant delete {id}`) so apply recreates it under the new parent.");
        }
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

    /// <summary>
    /// Flows called by another flow (a task of type "flow") come before their callers. Read from the parsed
    /// files, not the nodes: walking every task through nodes would expand hundreds of flows into trees.
    /// </summary>
    private static IEnumerable<string> FlowOrder(IReadOnlyDictionary<string, WorkspaceFlow> flows) =>
        TopologicalOrder(flows.ToDictionary(
            f => f.Key,
            f => SubFlowCalls(f.Value.Raw).Where(flows.ContainsKey).ToList(),
            StringComparer.Ordinal));

    /// <summary>The IDs in <c>contents.tasks.*.arguments.flowId</c>, plain or wrapped as <c>{type, value}</c>.</summary>
    private static IEnumerable<string> SubFlowCalls(JsonElement flow)
    {
        if (!flow.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Object
            || !contents.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var task in tasks.EnumerateObject())
        {
            if (task.Value.ValueKind == JsonValueKind.Object && task.Value.TryGetProperty("arguments", out var arguments)
                && arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty("flowId", out var flowId))
            {
                var value = flowId.ValueKind == JsonValueKind.Object && flowId.TryGetProperty("value", out var wrapped) ? wrapped : flowId;
                if (value.ValueKind == JsonValueKind.String)
                {
                    yield return value.GetString()!;
                }
            }
        }
    }

    /// <summary>Tenant IDs with each parent before its children (restore and apply create in this order).</summary>
    internal static IEnumerable<string> ParentsFirst(IReadOnlyDictionary<string, JsonObject> tenants)
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
