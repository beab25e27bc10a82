using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Applying;

/// <summary>
/// Turns a plan into one change: one backup holding the live state of every item it touches, then
/// each step in plan order, everything written read back at once (one read per kind) and compared. Items it creates are recorded as
/// absent in the backup, so restoring the backup deletes them and undoes the whole apply; an item replaced (deleted,
/// then created anew) is backed up as it was, so restoring the backup replaces it back. Re-running after a partial
/// failure finishes the job, because a fresh plan only holds what is still different.
/// </summary>
public sealed class ApplyService(LiveState live)
{
    public ChangeRequest BuildChange(Plan plan, string operation)
    {
        var actionable = plan.Actionable;
        var backupItems = actionable
            .Where(c => c.Live is not null)
            .Select(c => new BackupItemContent(c.Key.Type, c.Key.Id, c.Live!))
            .ToList();
        var steps = actionable.SelectMany<ResourceChange, ChangeItem>(c => c.Action switch
        {
            ChangeAction.Delete => [new ChangeItem(c.Key, Verb(c.Action), null, ct => live.DeleteAsync(c.Key, cascade: false, ct))],
            ChangeAction.Replace => ChangeItem.Replacement(c.Key, c.Desired!,
                ct => live.DeleteAsync(c.Key, cascade: false, ct), ct => live.PutAsync(c.Key, c.Write ?? c.Desired!, exists: false, ct)),
            _ => [new ChangeItem(c.Key, Verb(c.Action), c.Desired!, ct => live.PutAsync(c.Key, c.Write ?? c.Desired!, exists: c.Live is not null, ct))],
        }).ToList();
        var created = actionable.Where(c => c.Live is null).Select(c => c.Key).ToList();
        return new ChangeRequest(operation, backupItems, steps, live, Note: $"before {operation}", Absent: created);
    }

    private static string Verb(ChangeAction action) => action switch
    {
        ChangeAction.Create => "create",
        ChangeAction.Delete => "delete",
        _ => "update",
    };
}
