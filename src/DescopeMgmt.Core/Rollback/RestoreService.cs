using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Rollback;

/// <summary>
/// Puts backed-up items back (flow rollback, tenant rollback, backup restore): plan the diff
/// live → backup, then import each changed item and read it back to prove it took.
/// </summary>
public sealed class RestoreService(LiveState live)
{
    public async Task<RestorePlan> PlanAsync(RestoreSource source, IReadOnlyList<BackupItemContent> items, CancellationToken cancellationToken)
    {
        var planned = new List<RestorePlanItem>(items.Count);
        foreach (var item in OrderForRestore(items))
        {
            var key = new ResourceKey(item.Type, item.Id);
            var current = await live.GetAsync(key, cancellationToken).ConfigureAwait(false);
            var content = item.Content.AsObject();
            var changes = JsonDiff.Compare(current, content, DiffOptions.For(item.Type));
            planned.Add(new RestorePlanItem(key, content, current, changes));
        }

        return new RestorePlan(source.Description, source.BackupId, planned);
    }

    /// <summary>The change to run: back up the live side of every item to change, then restore each and verify it.</summary>
    public ChangeRequest BuildChange(RestorePlan plan, string operation, IProgress<int>? progress)
    {
        var toChange = plan.ToChange;
        var backupItems = toChange
            .Where(i => i.Live is not null)
            .Select(i => new BackupItemContent(i.Key.Type, i.Key.Id, i.Live!))
            .ToList();
        var steps = toChange
            .Select(i => new ChangeItem(i.Key, i.Live is null ? "recreate" : "restore", ct => live.PutAndVerifyAsync(i.Key, i.Content, exists: i.Live is not null, ct)))
            .ToList();
        return new ChangeRequest(operation, backupItems, steps, Note: $"before {operation} from {plan.Source}", RollbackOf: plan.BackupId ?? plan.Source, Progress: progress);
    }

    /// <summary>Parents before children for tenants, so a recreated child finds its parent.</summary>
    private static IEnumerable<BackupItemContent> OrderForRestore(IReadOnlyList<BackupItemContent> items)
    {
        var tenants = items.Where(i => i.Type == ResourceType.Tenant).ToList();
        var ids = tenants.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        int Depth(BackupItemContent t)
        {
            var depth = 0;
            var parent = t.Content["parent"]?.GetValue<string>();
            while (!string.IsNullOrEmpty(parent) && ids.Contains(parent) && depth < 32)
            {
                depth++;
                parent = tenants.First(x => x.Id == parent).Content["parent"]?.GetValue<string>();
            }

            return depth;
        }

        return items.Where(i => i.Type == ResourceType.Theme)
            .Concat(items.Where(i => i.Type == ResourceType.Flow).OrderBy(i => i.Id, StringComparer.Ordinal))
            .Concat(tenants.OrderBy(Depth).ThenBy(t => t.Id, StringComparer.Ordinal));
    }
}
