namespace DescopeMgmt.Core.Backups;

/// <summary>The result of <c>backup verify</c> for one backup: every problem found, none thrown.</summary>
public sealed record BackupVerification(
    string BackupId,
    string Directory,
    IReadOnlyList<BackupItemCheck> Items,
    IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0 && Items.All(i => i.Ok);
}

/// <summary>One item of a verified backup; <see cref="Problem"/> says what is wrong when not <see cref="Ok"/>.</summary>
public sealed record BackupItemCheck(string Type, string Id, string Path, bool Ok, string? Problem);
