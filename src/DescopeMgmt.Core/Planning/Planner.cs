using System.Text.Json.Nodes;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Planning;

/// <summary>
/// Compares the workspace with live, kind by kind in the order of the registry, and orders the result
/// for a safe apply: each kind's items in the order it writes them (sub-flows before their callers,
/// parents before children), deletions last in the reverse order. Live items the workspace does not hold
/// are unmanaged and never deleted unless <c>manage.deleteMissing</c> is true; built-in items are never
/// changed or deleted.
/// </summary>
public static class Planner
{
    public static Plan Create(LoadedWorkspace workspace, LiveSnapshot live, PlanScope scope)
    {
        var manage = workspace.Config.Manage;
        var changes = new List<ResourceChange>();
        var deletions = new List<ResourceChange>();
        var unmanaged = new List<ResourceKey>();
        var builtIn = new List<ResourceKey>();
        foreach (var kind in ResourceKinds.All.Where(k => scope.Covers(k.Type) && manage.Manages(k.Type)))
        {
            if (workspace.Desired.Of(kind.Type) is not { } files)
            {
                continue;
            }

            var desired = files.Where(d => kind.Manages(manage, d.Key)).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
            var current = live.Of(kind.Type);
            changes.AddRange(CompareAll(kind, kind.PlanOrder(desired).Select(id => desired[id]).ToList(), current, live).Select(c => SensitiveFields.Hide(kind, c)));

            var missing = current.Where(i => !desired.ContainsKey(i.Key) && kind.Manages(manage, i.Key)).ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
            builtIn.AddRange(missing.Where(i => kind.IsBuiltIn(i.Value)).OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => new ResourceKey(kind.Type, i.Key)));
            var removable = missing.Where(i => !kind.IsBuiltIn(i.Value) && manage.DeleteMissing && kind.CanDelete).ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
            deletions.AddRange(kind.WriteOrder(removable).Reverse().Select(id => new ResourceChange(new ResourceKey(kind.Type, id), ChangeAction.Delete, [], removable[id], null)));
            unmanaged.AddRange(current.Keys.Where(id => !desired.ContainsKey(id) && !removable.ContainsKey(id) && !(missing.TryGetValue(id, out var item) && kind.IsBuiltIn(item)))
                .Order(StringComparer.Ordinal).Select(id => new ResourceKey(kind.Type, id)));
        }

        // Deletions run after every write, the kinds in reverse (tenant roles before their tenants).
        deletions = deletions.OrderByDescending(d => ResourceKinds.Of(d.Key).Order).ToList();
        return new Plan([.. changes, .. deletions], unmanaged) { BuiltIn = builtIn };
    }

    /// <summary>
    /// Hundreds of flows of up to 200 tasks: compare them on every core. Each comparison touches only its
    /// own item's nodes; the snapshot document they may share is read-only, and reading a JsonDocument
    /// from several threads is safe. The result keeps the given order.
    /// </summary>
    private static ResourceChange[] CompareAll(ResourceKind kind, IReadOnlyList<DesiredItem> order, IReadOnlyDictionary<string, JsonObject> current, LiveSnapshot live)
    {
        var compared = new ResourceChange[order.Count];
        try
        {
            Parallel.For(0, order.Count, i =>
            {
                var item = order[i];
                var key = new ResourceKey(kind.Type, item.Id);
                var existing = current.GetValueOrDefault(item.Id);
                if (existing is not null)
                {
                    kind.CheckChange(item.Id, existing, item.Document);
                }

                compared[i] = Compare(kind, key, existing, item.Document, kind.SameTopLevel(item, live));
                if (compared[i].Action is ChangeAction.Update or ChangeAction.Replace && existing is not null && kind.IsBuiltIn(existing))
                {
                    throw new UserError("builtin_change",
                        $"{key} is built into every Descope project and cannot be changed, but {item.File} changes {string.Join(", ", compared[i].Properties.Select(p => p.Path))}.",
                        $"Remove it from {item.File} (built-in items are listed as built-in, never changed).");
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Report the first real error (a malformed live flow, say), not "one or more errors occurred".
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        return compared;
    }

    /// <summary>Create, update or no change; a replacement when the kind says a changed field cannot be updated.</summary>
    private static ResourceChange Compare(ResourceKind kind, ResourceKey key, JsonObject? live, JsonObject desired, Func<string, bool?>? sameTopLevel)
    {
        if (live is null)
        {
            return new ResourceChange(key, ChangeAction.Create, [], null, desired);
        }

        var properties = JsonDiff.Compare(live, desired, DiffOptions.For(key.Type), sameTopLevel);
        if (properties.Count == 0)
        {
            return new ResourceChange(key, ChangeAction.NoChange, properties, live, desired);
        }

        return kind.ReplaceFields(live, desired) is { Count: > 0 } forced
            ? new ResourceChange(key, ChangeAction.Replace, properties, live, desired) { ReplaceFields = forced }
            : new ResourceChange(key, ChangeAction.Update, properties, live, desired);
    }

    /// <summary>Each ID after its dependencies, otherwise by ID; cycles are broken by ID order.</summary>
    public static List<string> TopologicalOrder(Dictionary<string, List<string>> dependencies)
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
