namespace DescopeMgmt.Core.Backups;

/// <summary>
/// A project ID becomes a folder (backups) or file name (locks); refuse anything that could climb out
/// of the root or hide itself, since the ID may come from a flag or an environment variable.
/// </summary>
public static class ProjectFolderName
{
    public static string Validate(string projectId)
    {
        if (string.IsNullOrWhiteSpace(projectId)
            || projectId.Length > 200
            || projectId.StartsWith('.')
            || !projectId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw BackupErrors.InvalidProjectId(projectId);
        }

        return projectId;
    }
}
