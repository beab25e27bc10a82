using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Backups on disk: <c>&lt;backupRoot&gt;/&lt;projectId&gt;/&lt;backupId&gt;/manifest.json</c> plus one file per
/// item (design.md §6). Pure file-system work; callers fetch the live content and decide what to back up.
/// </summary>
public sealed class BackupStore(string backupRoot, TimeProvider timeProvider)
{
    public string Root { get; } = Path.GetFullPath(backupRoot);

    /// <summary>Writes a complete backup or nothing; throws UserError <c>backup_failed</c> when it cannot.</summary>
    public Task<BackupManifest> CreateAsync(BackupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var projectDirectory = ProjectDirectory(request.ProjectId);
        return BackupWriter.WriteAsync(projectDirectory, request, timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <summary>Valid backups, newest first; <paramref name="projectId"/> null means every project.</summary>
    public IReadOnlyList<BackupManifest> List(string? projectId = null, ResourceKey? containing = null)
    {
        var wire = containing is { } key ? ResourceTypeNames.ToWire(key.Type) : null;
        return BackupFolders(projectId)
            .Select(ReadListable)
            .OfType<BackupManifest>()
            .Where(m => containing is not { } key || m.Concerns(wire!, key.Id))
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Finds a backup by REF (design.md §5): a path, an ID or unique prefix, a timestamp, or <c>latest</c>.</summary>
    public BackupManifest Resolve(string reference, string? projectId) =>
        BackupReferenceResolver.Resolve(reference, projectId, this);

    /// <summary>Reads every item and verifies its checksum; throws UserError <c>backup_corrupt</c> naming the item.</summary>
    public async Task<LoadedBackup> LoadAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var items = new List<BackupItemContent>(manifest.Items.Count);
        foreach (var item in manifest.Items)
        {
            var path = BackupItemPath.Resolve(manifest.Directory, item.Path)
                ?? throw BackupErrors.Corrupt(manifest.Id, $"item {ItemFileCheck.Describe(item)}: the path is outside the backup folder");
            byte[]? bytes;
            try
            {
                bytes = await ItemFileCheck.TryReadAsync(path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw BackupErrors.Corrupt(manifest.Id, $"item {ItemFileCheck.Describe(item)}: the file cannot be read ({ex.Message})");
            }

            var problem = ItemFileCheck.Inspect(item, bytes, out var content);
            if (problem is not null)
            {
                throw BackupErrors.Corrupt(manifest.Id, problem);
            }

            ResourceTypeNames.TryParse(item.Type, out var type);
            items.Add(new BackupItemContent(type, item.Id, content!));
        }

        foreach (var absent in manifest.Absent ?? [])
        {
            // A restore would write such an item and then delete it, or skip a record it cannot read.
            if (!ResourceTypeNames.TryParse(absent.Type, out _) || manifest.Items.Any(i => i.Type == absent.Type && i.Id == absent.Id))
            {
                throw BackupErrors.Corrupt(manifest.Id, $"absent item {absent.Type}:{absent.Id} is unknown or also held as content");
            }
        }

        return new LoadedBackup(manifest, items);
    }

    /// <summary>As <see cref="LoadAsync(BackupManifest, CancellationToken)"/>, refusing a backup of another project first.</summary>
    public Task<LoadedBackup> LoadAsync(BackupManifest manifest, string expectedProjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!string.Equals(manifest.ProjectId, expectedProjectId, StringComparison.Ordinal))
        {
            throw BackupErrors.ForeignProject(manifest, expectedProjectId);
        }

        return LoadAsync(manifest, cancellationToken);
    }

    /// <summary>Checks every item file; reports problems instead of throwing.</summary>
    public BackupVerification Verify(BackupManifest manifest) => BackupVerifier.Verify(manifest);

    /// <summary>
    /// Verifies every backup folder of a project (or of all projects), including folders whose manifest
    /// is unreadable, which <see cref="List"/> leaves out; for <c>backup verify --all</c>.
    /// </summary>
    public IReadOnlyList<BackupVerification> VerifyAll(string? projectId = null) =>
        BackupFolders(projectId)
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
            .Select(BackupVerifier.VerifyFolder)
            .ToList();

    /// <summary>
    /// Keeps the newest <paramref name="keep"/> backups of the project whatever their age and removes
    /// the others older than <paramref name="olderThan"/> (design.md §6 defaults: 10 and 30 days).
    /// </summary>
    public PruneResult Prune(string projectId, TimeSpan olderThan, int keep = 10, bool dryRun = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var cutoff = timeProvider.GetUtcNow() - olderThan;
        var all = List(projectId);
        var removed = all.Skip(keep).Where(m => m.CreatedAt < cutoff).ToList();
        var kept = all.Except(removed).ToList();
        if (!dryRun)
        {
            foreach (var manifest in removed)
            {
                BackupRemover.Remove(manifest);
            }
        }

        return new PruneResult(
            removed.Select(BackupSummary.From).ToList(),
            kept.Select(BackupSummary.From).ToList(),
            dryRun);
    }

    private string ProjectDirectory(string projectId) => Path.Combine(Root, ProjectFolderName.Validate(projectId));

    /// <summary>Every backup folder (temp folders excepted) of one project or of all, valid or not.</summary>
    internal IEnumerable<string> BackupFolders(string? projectId)
    {
        IEnumerable<string> projectFolders = projectId is not null
            ? [ProjectDirectory(projectId)]
            : Directory.Exists(Root)
                ? Directory.EnumerateDirectories(Root).Where(d => !Path.GetFileName(d).StartsWith('.'))
                : [];
        return projectFolders
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Where(d => !Path.GetFileName(d).StartsWith('.'));
    }

    // A folder copied or renamed by hand is not listed under a project or ID it does not hold.
    private static BackupManifest? ReadListable(string folder)
    {
        var manifest = BackupManifestReader.TryRead(folder, out _, out _);
        var projectId = Path.GetFileName(Path.GetDirectoryName(folder));
        return manifest is not null
            && string.Equals(manifest.Id, Path.GetFileName(folder), StringComparison.Ordinal)
            && string.Equals(manifest.ProjectId, projectId, StringComparison.Ordinal)
                ? manifest
                : null;
    }
}
