namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Turns a REF (design.md §5) into a backup: a path to a backup folder or its manifest.json (anywhere),
/// <c>latest</c>, a full backup ID, a creation time as <c>backup list</c> shows it, or a unique ID prefix.
/// </summary>
internal static class BackupReferenceResolver
{
    public const string Latest = "latest";

    public static BackupManifest Resolve(
        string reference,
        string? projectId,
        BackupStore store)
    {
        var text = reference.Trim();
        if (text.Length == 0)
        {
            throw BackupErrors.NotFound("No backup reference was given.");
        }

        var scope = projectId is null ? "" : $" of project {projectId}";
        if (string.Equals(text, Latest, StringComparison.OrdinalIgnoreCase))
        {
            return store.List(projectId).FirstOrDefault()
                ?? throw BackupErrors.NotFound($"There is no backup{scope} yet.");
        }

        if (LooksLikePath(text))
        {
            return FromPath(text);
        }

        var candidates = store.List(projectId);
        var exact = candidates.FirstOrDefault(m => string.Equals(m.Id, text, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        if (BackupTimestamp.TryParse(text, out var start, out var precision))
        {
            var atTime = candidates.Where(m => BackupTimestamp.Matches(m.CreatedAt, start, precision)).ToList();
            return Single(text, atTime)
                ?? throw BackupErrors.NotFound($"No backup{scope} was created at {text} (UTC).");
        }

        var byPrefix = candidates.Where(m => m.Id.StartsWith(text, StringComparison.OrdinalIgnoreCase)).ToList();
        var match = Single(text, byPrefix);
        if (match is not null)
        {
            return match;
        }

        // The ID names a folder whose manifest is unreadable: say it is corrupt rather than missing.
        var damaged = store.BackupFolders(projectId)
            .FirstOrDefault(d => Path.GetFileName(d).StartsWith(text, StringComparison.OrdinalIgnoreCase));
        if (damaged is not null)
        {
            return BackupManifestReader.Read(damaged);
        }

        throw BackupErrors.NotFound($"No backup{scope} matches '{text}'.");
    }

    private static BackupManifest? Single(string reference, List<BackupManifest> matches) => matches.Count switch
    {
        0 => null,
        1 => matches[0],
        _ => throw BackupErrors.Ambiguous(reference, matches),
    };

    // IDs never hold separators or dots, so anything that does is a path; a bare name is one only when
    // it is a backup folder in the current directory.
    private static bool LooksLikePath(string text) =>
        text.Contains('/', StringComparison.Ordinal)
        || text.Contains('\\', StringComparison.Ordinal)
        || text.StartsWith('.')
        || text.StartsWith('~')
        || text.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || File.Exists(Path.Combine(text, BackupManifestReader.FileName));

    private static BackupManifest FromPath(string text)
    {
        var path = text.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), text[2..])
            : text;
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            if (!string.Equals(Path.GetFileName(full), BackupManifestReader.FileName, StringComparison.Ordinal))
            {
                throw BackupErrors.NotFound(
                    $"'{text}' is a file but not a backup's {BackupManifestReader.FileName}; give a backup folder, its {BackupManifestReader.FileName}, a backup ID or '{Latest}'.");
            }

            return BackupManifestReader.Read(Path.GetDirectoryName(full)!);
        }

        if (Directory.Exists(full))
        {
            return BackupManifestReader.Read(full);
        }

        throw BackupErrors.NotFound($"There is no backup at '{text}': no such file or folder.");
    }
}
