namespace DescopeMgmt.Core.Backups;

/// <summary>Collects every problem of a backup, for <c>backup verify</c>, without throwing.</summary>
internal static class BackupVerifier
{
    public static BackupVerification Verify(BackupManifest manifest)
    {
        var checks = new List<BackupItemCheck>(manifest.Items.Count);
        foreach (var item in manifest.Items)
        {
            var problem = ItemFileCheck.Load(manifest, item, out _);
            checks.Add(new BackupItemCheck(item.Type, item.Id, item.Path, problem is null, problem));
        }

        return new BackupVerification(manifest.Id, manifest.Directory, checks, []);
    }

    public static BackupVerification VerifyFolder(string folder)
    {
        if (new DirectoryInfo(folder).LinkTarget is not null)
        {
            return new BackupVerification(Path.GetFileName(folder), Path.GetFullPath(folder), [], ["the backup folder is a symbolic link, which is never followed"]);
        }

        var manifest = BackupManifestReader.TryRead(folder, out var problem, out _);
        return manifest is not null
            ? Verify(manifest)
            : new BackupVerification(Path.GetFileName(folder), Path.GetFullPath(folder), [], [problem!]);
    }
}
