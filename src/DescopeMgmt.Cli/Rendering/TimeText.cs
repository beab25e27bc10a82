namespace DescopeMgmt.Cli.Rendering;

/// <summary>
/// The one way text output shows a time: UTC, ISO 8601 to the second, with its Z, as JSON output does, so a
/// time read in one command's table matches another's and pastes back as a backup reference.
/// </summary>
internal static class TimeText
{
    public static string Utc(DateTimeOffset time) => Core.Backups.BackupTimestamp.Format(time);

    public static string FromUnixSeconds(long seconds) => Utc(DateTimeOffset.FromUnixTimeSeconds(seconds));
}
