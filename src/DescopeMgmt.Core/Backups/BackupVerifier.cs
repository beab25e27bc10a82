namespace DescopeMgmt.Core.Backups;

/// <summary>Collects every problem of a backup, for <c>backup verify</c>, without throwing.</summary>
internal static class BackupVerifier
{
    public static BackupVerification Verify(BackupManifest manifest)
    {
        var checks = new List<BackupItemCheck>(manifest.Items.Count);
        foreach (var item in manifest.Items)
        {
            string? problem;
            var path = BackupItemPath.Resolve(manifest.Directory, item.Path);
            if (path is null)
            {
                problem = $"item {ItemFileCheck.Describe(item)}: the path is outside the backup folder";
            }
            else
            {
                try
                {
                    problem = ItemFileCheck.Inspect(item, ItemFileCheck.TryRead(path), out _);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    problem = $"item {ItemFileCheck.Describe(item)}: the file cannot be read ({ex.Message})";
                }
            }

            checks.Add(new BackupItemCheck(item.Type, item.Id, item.Path, problem is null, problem));
        }

        return new BackupVerification(manifest.Id, manifest.Directory, checks, []);
    }

    public static BackupVerification VerifyFolder(string folder)
    {
        var manifest = BackupManifestReader.TryRead(folder, out var problem, out _);
        return manifest is not null
            ? Verify(manifest)
            : new BackupVerification(Path.GetFileName(folder), Path.GetFullPath(folder), [], [problem!]);
    }
}
