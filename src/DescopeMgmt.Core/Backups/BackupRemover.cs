namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Deletes a backup by first renaming it to a temp name: a deletion cut short leaves a folder that
/// nothing lists (and the next backup cleans up), never a backup with files missing.
/// </summary>
internal static class BackupRemover
{
    public static void Remove(string directory, string id)
    {
        var parent = Path.GetDirectoryName(directory)!;
        var doomed = Path.Combine(parent, $"{BackupWriter.TempPrefix}{id}.deleting");
        try
        {
            Directory.Move(directory, doomed);
            Directory.Delete(doomed, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError(
                "backup_prune_failed",
                $"Could not remove backup {id} ({directory}): {ex.Message}",
                "Check the permissions of the backup folder and run `descope-mgmt backup prune` again.",
                ex);
        }
    }
}
