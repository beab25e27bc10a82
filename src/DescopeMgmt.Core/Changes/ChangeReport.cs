using DescopeMgmt.Core.Audit;

namespace DescopeMgmt.Core.Changes;

/// <summary>
/// The result of a change that ran: the backup it took, what became of every item, whether a signal
/// stopped it, and whether its audit record could be completed.
/// </summary>
public sealed record ChangeReport(string Operation, string BackupId, IReadOnlyList<ItemResult> Items, bool Interrupted)
{
    /// <summary>For a rollback or restore: the backup whose content was being put back (what "To finish" names).</summary>
    public string? RestoredFrom { get; init; }

    /// <summary>Set when the change ran but its audit record could not be completed.</summary>
    public string? AuditError { get; init; }

    public IReadOnlyList<ItemResult> Done => With(ItemStatus.Done);

    public IReadOnlyList<ItemResult> Failed => With(ItemStatus.Failed);

    public IReadOnlyList<ItemResult> MayHaveChanged => With(ItemStatus.MayHaveChanged);

    public IReadOnlyList<ItemResult> NotStarted => With(ItemStatus.NotStarted);

    public bool Succeeded => !Interrupted && Items.All(i => i.Status == ItemStatus.Done);

    /// <summary>Whether anything may differ from before the change, so the undo command is worth running.</summary>
    public bool AnythingChanged => Items.Any(i => i.Status is ItemStatus.Done or ItemStatus.MayHaveChanged);

    /// <summary>
    /// Items a replacement left halfway: the old one deleted (or maybe deleted) and the new one not created. They
    /// are missing live now, which the report must say in so many words.
    /// </summary>
    public IReadOnlyList<Model.ResourceKey> HalfReplaced => Items
        .Where(i => i.Item.Verb == ChangeItem.ReplaceDelete && i.Status is ItemStatus.Done or ItemStatus.MayHaveChanged)
        .Where(d => !Items.Any(c => c.Key == d.Key && c.Item.Verb == ChangeItem.ReplaceCreate && c.Status == ItemStatus.Done))
        .Select(i => i.Key).ToList();

    public string Outcome => this switch
    {
        { Interrupted: true } => AuditOutcome.Interrupted,
        { Succeeded: true } => AuditOutcome.Success,
        _ when Done.Count > 0 => AuditOutcome.Partial,
        { AnythingChanged: true } => AuditOutcome.MayHaveChanged,
        _ => AuditOutcome.Failed,
    };

    private List<ItemResult> With(ItemStatus status) => Items.Where(i => i.Status == status).ToList();
}
