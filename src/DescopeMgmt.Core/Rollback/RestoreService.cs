using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Rollback;

/// <summary>
/// Puts backed-up items back (flow rollback, tenant rollback, backup restore): plan the diff
/// live → backup, then import each changed item; the change session reads them back to prove they took. Items the backup
/// records as absent (the undone change created them) are deleted; an item whose kind cannot update a changed field
/// (an access key's expiry) is replaced, as apply replaces it.
/// </summary>
public sealed class RestoreService(LiveState live)
{
    public async Task<RestorePlan> PlanAsync(RestoreSource source, IReadOnlyList<BackupItemContent> items, IReadOnlyList<ResourceKey> absent, CancellationToken cancellationToken)
    {
        // One read per kind for the whole restore, not one per item.
        var keys = items.Select(i => i.Key).Concat(absent).Distinct().ToList();
        var now = await live.ReadAsync(keys, cancellationToken).ConfigureAwait(false);
        var planned = new List<RestorePlanItem>(items.Count + absent.Count);
        foreach (var item in OrderForRestore(items))
        {
            var current = now.GetValueOrDefault(item.Key);
            var content = item.Content.AsObject();
            var changes = JsonDiff.Compare(current, content, DiffOptions.For(item.Type));
            var forced = current is null || changes.Count == 0 ? [] : ResourceKinds.Of(item.Key).ReplaceFields(current, content);
            planned.Add(new RestorePlanItem(item.Key, content, current, changes) { ReplaceFields = forced });
        }

        var removals = absent.Select(key => new RestorePlanItem(key, null, now.GetValueOrDefault(key), [])).ToList();

        return new RestorePlan(source.Description, source.BackupId, [.. planned, .. ChildrenFirst(removals)]);
    }

    /// <summary>
    /// The change to run: back up the live side of every item to change (and record the ones about to be
    /// recreated as absent, so this restore can itself be undone), then restore each and verify it.
    /// </summary>
    public ChangeRequest BuildChange(RestorePlan plan, string operation)
    {
        var toChange = plan.ToChange;
        var backupItems = toChange
            .Where(i => i.Live is not null)
            .Select(i => new BackupItemContent(i.Key.Type, i.Key.Id, i.Live!))
            .ToList();
        var recreated = toChange.Where(i => i.Live is null).Select(i => i.Key).ToList();
        var steps = toChange.SelectMany<RestorePlanItem, ChangeItem>(i => i switch
        {
            { Content: null } => [new ChangeItem(i.Key, "remove", null, ct => live.DeleteAsync(i.Key, cascade: false, ct))],
            { Live: null } => [new ChangeItem(i.Key, "recreate", i.Content, ct => live.PutAsync(i.Key, i.Content, exists: false, ct))],
            { ReplaceFields.Count: > 0 } => ChangeItem.Replacement(i.Key, i.Content,
                ct => live.DeleteAsync(i.Key, cascade: false, ct), ct => live.PutAsync(i.Key, i.Content, exists: false, ct)),
            _ => [new ChangeItem(i.Key, "restore", i.Content, ct => live.PutAsync(i.Key, i.Content, exists: true, ct))],
        }).ToList();
        return new ChangeRequest(operation, backupItems, steps, live, Note: $"before {operation} from {plan.Source}",
            RestoredFrom: plan.BackupId ?? plan.Source, Absent: recreated);
    }

    /// <summary>Kind by kind in the order of a change, each in its kind's write order (a parent before its children).</summary>
    private static IEnumerable<BackupItemContent> OrderForRestore(IReadOnlyList<BackupItemContent> items) =>
        ResourceKinds.Backed.SelectMany(kind =>
        {
            var ofKind = items.Where(i => i.Type == kind.Type).ToDictionary(i => i.Id, StringComparer.Ordinal);
            return kind.WriteOrder(ofKind.ToDictionary(i => i.Key, i => i.Value.Content.AsObject(), StringComparer.Ordinal)).Select(id => ofKind[id]);
        });

    /// <summary>Removals in the reverse order: kinds last to first, each in its reversed write order (children before parents).</summary>
    private static IEnumerable<RestorePlanItem> ChildrenFirst(List<RestorePlanItem> removals) =>
        ResourceKinds.Backed.Reverse().SelectMany(kind =>
        {
            var ofKind = removals.Where(r => r.Key.Type == kind.Type).ToList();
            var existing = ofKind.Where(r => r.Live is not null).ToDictionary(r => r.Key.Id, StringComparer.Ordinal);
            return ofKind.Where(r => r.Live is null)
                .Concat(kind.WriteOrder(existing.ToDictionary(r => r.Key, r => r.Value.Live!, StringComparer.Ordinal)).Reverse().Select(id => existing[id]));
        });
}
