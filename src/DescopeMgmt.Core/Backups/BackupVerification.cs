namespace DescopeMgmt.Core.Backups;

/// <summary>The result of <c>backup verify</c> for one backup: every problem found, none thrown.</summary>
public sealed record BackupVerification(
    string BackupId,
    string Directory,
    IReadOnlyList<BackupItemCheck> Items,
    IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0 && Items.All(i => i.Ok);

    /// <summary>The backup's own problems, then each damaged item's, each naming the item.</summary>
    public IReadOnlyList<string> AllProblems() =>
        [.. Problems, .. Items.Where(i => i.Problem is not null).Select(i => i.Problem!)];

    /// <summary>
    /// The same <c>backup_corrupt</c> error a restore of this backup would raise, listing every problem,
    /// so a command that only reads the backup (show) reports damage in the same words.
    /// </summary>
    public UserError ToCorruptError() => BackupErrors.Corrupt(BackupId, string.Join("; ", AllProblems()));
}

/// <summary>One item of a verified backup; <see cref="Problem"/> says what is wrong when not <see cref="Ok"/>.</summary>
public sealed record BackupItemCheck(string Type, string Id, string Path, bool Ok, string? Problem);
