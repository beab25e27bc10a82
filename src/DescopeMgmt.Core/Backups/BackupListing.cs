namespace DescopeMgmt.Core.Backups;

/// <summary>
/// The backups of a scan, newest first, and the folders that could not be read as one, so a single
/// damaged backup is reported (with its path) and skipped instead of breaking the listing.
/// </summary>
public sealed record BackupListing(IReadOnlyList<BackupManifest> Backups, IReadOnlyList<DamagedBackup> Damaged);

/// <summary>A backup folder whose manifest is unreadable or invalid.</summary>
public sealed record DamagedBackup(string Path, string Problem)
{
    public string Warning => $"Skipping damaged backup {Path}: {Problem}.";
}

/// <summary>What <c>latest</c> chose, and the damaged backups, possibly newer, that it had to pass over.</summary>
public sealed record LatestBackup(BackupManifest Manifest, IReadOnlyList<DamagedBackup> Skipped)
{
    /// <summary>One line per skipped backup, for the command to print before it asks to go ahead.</summary>
    public IReadOnlyList<string> Warnings => Skipped.Select(d => d.Warning).ToList();
}
