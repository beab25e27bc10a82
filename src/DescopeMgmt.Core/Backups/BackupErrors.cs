namespace DescopeMgmt.Core.Backups;

/// <summary>The user-facing failures of the backup store, worded once so every command says the same.</summary>
internal static class BackupErrors
{
    private const string ListHint = "See the available backups with `descope-mgmt backup list`.";

    public static UserError Corrupt(string backupName, string problem) => new(
        "backup_corrupt",
        $"Backup {backupName} is corrupt: {problem}",
        $"Run `descope-mgmt backup verify {Model.ShellWord.Quote(backupName)}` to see every problem; choose another backup with `descope-mgmt backup list`.");

    public static UserError NotFound(string message) => new("backup_not_found", message, ListHint);

    public static UserError Ambiguous(string reference, IReadOnlyList<BackupManifest> matches)
    {
        const int shown = 10;
        var ids = string.Join(", ", matches.Take(shown).Select(m => m.Id));
        var more = matches.Count > shown ? $" and {matches.Count - shown} more" : "";
        return new UserError(
            "backup_ambiguous",
            $"'{reference}' matches {matches.Count} backups: {ids}{more}.",
            "Give more characters of the backup ID, or the full ID from `descope-mgmt backup list`.");
    }

    public static UserError ForeignProject(BackupManifest manifest, string expectedProjectId) => new(
        "backup_foreign_project",
        $"Backup {manifest.Id} belongs to project {manifest.ProjectId}, not to project {expectedProjectId}; it can only be restored to or compared with its own project.",
        $"Choose a backup of project {expectedProjectId} with `descope-mgmt backup list`.");

    public static UserError ForeignHost(BackupManifest manifest, string targetHost) => new(
        "backup_foreign_host",
        $"Backup {manifest.Id} was taken from host {manifest.Host}, not from {targetHost}, the host of this target; a backup is only restored to the host it was taken from (a backup of the local emulator never goes to a real project).",
        $"Choose a backup taken from {targetHost} with `descope-mgmt backup list`.");

    public static UserError WriteFailed(string folder, Exception cause) => new(
        "backup_failed",
        $"Could not write a backup in {folder}: {cause.Message} Nothing was changed.",
        "Make sure the backup folder is writable and the disk has free space, or choose another folder with --backup-dir (or DESCOPE_BACKUP_DIR).",
        cause);

    public static UserError InvalidProjectId(string projectId) => new(
        "invalid_project_id",
        $"'{projectId}' is not a valid project ID.",
        "Descope project IDs look like P2aBcD...; check --project-id, DESCOPE_PROJECT_ID or descope.yaml.");
}
