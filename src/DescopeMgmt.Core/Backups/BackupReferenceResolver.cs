namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Turns a REF into a backup: a path to a backup folder or its manifest.json (anywhere),
/// <c>latest</c>, a full backup ID, a creation time as <c>backup list</c> shows it, a unique ID prefix, or a unique
/// start of the random part after the timestamp.
/// </summary>
internal static class BackupReferenceResolver
{
    public const string Latest = "latest";

    /// <summary>
    /// <paramref name="targetHost"/> null means reading only, any host; otherwise <c>latest</c>,
    /// timestamps and prefixes offer only backups of that host, and a full ID or path of another host
    /// is refused.
    /// </summary>
    public static BackupManifest Resolve(
        string reference,
        string? projectId,
        string? targetHost,
        BackupStore store)
    {
        var text = reference.Trim();
        if (text.Length == 0)
        {
            throw BackupErrors.NotFound("No backup reference was given.");
        }

        if (string.Equals(text, Latest, StringComparison.OrdinalIgnoreCase))
        {
            if (projectId is null)
            {
                throw BackupErrors.NotFound($"'{Latest}' needs a project; none was chosen (--project-id or DESCOPE_PROJECT_ID).");
            }

            return store.ResolveLatest(projectId, targetHost).Manifest;
        }

        if (LooksLikePath(text))
        {
            return OnHost(FromPath(text), targetHost);
        }

        var candidates = store.List(projectId);
        var exact = candidates.FirstOrDefault(m => string.Equals(m.Id, text, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return OnHost(exact, targetHost);
        }

        var scope = (projectId is null ? "" : $" of project {projectId}") + (targetHost is null ? "" : $" taken from {targetHost}");
        var offered = targetHost is null ? candidates : candidates.Where(m => BackupHost.Same(m.Host, targetHost)).ToList();
        var elsewhere = offered.Count == candidates.Count
            ? ""
            : " (backups of other hosts, or older ones that record no host, are offered only by full ID or path)";
        if (BackupTimestamp.TryParse(text, out var start, out var precision))
        {
            var atTime = offered.Where(m => BackupTimestamp.Matches(m.CreatedAt, start, precision)).ToList();
            return Single(text, atTime)
                ?? throw BackupErrors.NotFound($"No backup{scope} was created at {text} (UTC){elsewhere}.");
        }

        // The random part after the timestamp is what tells backups of one second apart, and what people
        // remember and type from a "To undo:" line: it names a backup as well as a prefix of the ID does.
        var suffix = text.TrimStart('-');
        var byPrefix = offered.Where(m => m.Id.StartsWith(text, StringComparison.OrdinalIgnoreCase)
            || (suffix.Length > 0 && RandomPart(m.Id).StartsWith(suffix, StringComparison.OrdinalIgnoreCase))).ToList();
        var match = Single(text, byPrefix);
        if (match is not null)
        {
            return match;
        }

        // The ID names a folder whose manifest is unreadable: say it is corrupt rather than missing.
        var damaged = store.Scan(projectId).Damaged
            .FirstOrDefault(d => Path.GetFileName(d.Path).StartsWith(text, StringComparison.OrdinalIgnoreCase));
        if (damaged is not null)
        {
            throw BackupErrors.Corrupt(damaged.Path, damaged.Problem);
        }

        throw BackupErrors.NotFound($"No backup{scope} matches '{text}'{elsewhere}.");
    }

    private static string RandomPart(string id) => id.LastIndexOf('-') is var dash and >= 0 ? id[(dash + 1)..] : "";

    // A backup that records no host was named explicitly (full ID or path), which is as far as an
    // older backup is trusted; one of another host is never restored to this one.
    private static BackupManifest OnHost(BackupManifest manifest, string? targetHost) =>
        targetHost is not null && manifest.Host is not null && !BackupHost.Same(manifest.Host, targetHost)
            ? throw BackupErrors.ForeignHost(manifest, targetHost)
            : manifest;

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
        || Path.Exists(Path.Combine(text, BackupManifestReader.FileName));

    private static BackupManifest FromPath(string text)
    {
        var path = text.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), text[2..])
            : text;
        var full = Path.GetFullPath(path);
        if (File.Exists(full) || (!Directory.Exists(full) && Path.Exists(full)))
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
