using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Backups on disk: <c>&lt;backupRoot&gt;/&lt;projectId&gt;/&lt;backupId&gt;/manifest.json</c> plus one file per
/// item. Pure file-system work; callers fetch the live content and decide what to back up.
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

    /// <summary>
    /// Valid backups, newest first; <paramref name="projectId"/> null means every project, and
    /// <paramref name="host"/> null every host (for listing; choosing a backup for a target goes through
    /// <see cref="Resolve(string, string?, string)"/> or <see cref="ResolveLatest"/>). Damaged ones are skipped; <see cref="Scan"/> reports them.
    /// </summary>
    public IReadOnlyList<BackupManifest> List(string? projectId = null, ResourceKey? containing = null, string? host = null) =>
        Scan(projectId, containing, host).Backups;

    /// <summary>As <see cref="List"/>, with every folder that could not be read as a backup and why.</summary>
    public BackupListing Scan(string? projectId = null, ResourceKey? containing = null, string? host = null)
    {
        var wire = containing is { } key ? ResourceTypeNames.ToWire(key.Type) : null;
        var backups = new List<BackupManifest>();
        var damaged = new List<DamagedBackup>();
        foreach (var folder in BackupFolders(projectId))
        {
            var manifest = ReadListable(folder, out var problem);
            if (manifest is null)
            {
                damaged.Add(new DamagedBackup(folder, problem!));
            }
            else if ((containing is not { } k || manifest.Concerns(wire!, k.Id)) && (host is null || BackupHost.Same(manifest.Host, host)))
            {
                backups.Add(manifest);
            }
        }

        return new BackupListing(
            [.. backups.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id, StringComparer.Ordinal)],
            [.. damaged.OrderByDescending(d => Path.GetFileName(d.Path), StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Finds a backup by REF for reading only (show, verify, diff): a path, an ID or
    /// unique prefix, a timestamp, or <c>latest</c>, of any host.
    /// </summary>
    public BackupManifest Resolve(string reference, string? projectId) =>
        BackupReferenceResolver.Resolve(reference, projectId, null, this);

    /// <summary>
    /// Finds a backup by REF to restore to or compare with a target on <paramref name="targetHost"/>:
    /// <c>latest</c>, timestamps and prefixes offer only backups taken from that host; a full ID or a
    /// path also reaches a backup that records no host, and one of another host is refused (UserError
    /// <c>backup_foreign_host</c>, naming both hosts).
    /// </summary>
    public BackupManifest Resolve(string reference, string? projectId, string targetHost)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetHost);
        return BackupReferenceResolver.Resolve(reference, projectId, targetHost, this);
    }

    /// <summary>
    /// <c>latest</c>: the newest backup of the project taken from <paramref name="host"/> that covers one
    /// of <paramref name="kinds"/> (null: any), skipping backups taken by a rollback or restore, so
    /// running an interrupted rollback again picks the same source and finishes it instead of undoing
    /// it. <paramref name="host"/> null only for reading (any host). Throws backup_not_found when none.
    /// </summary>
    public LatestBackup ResolveLatest(string projectId, string? host, IReadOnlyCollection<ResourceType>? kinds = null, ResourceKey? holding = null)
    {
        var wires = kinds?.Select(ResourceTypeNames.ToWire).ToList();
        var listing = Scan(projectId, host: host);
        var chosen = listing.Backups.FirstOrDefault(m =>
            m.RollbackOf is null && (wires is null || wires.Any(m.Concerns))
            && (holding is not { } key || m.Concerns(ResourceTypeNames.ToWire(key.Type), key.Id)));
        if (chosen is null)
        {
            var what = holding is { } item ? $" holding {ResourceTypeNames.ToWire(item.Type)} '{item.Id}'"
                : wires is null ? "" : $" holding {string.Join(" or ", wires)} items";
            var where = host is null ? "" : $" taken from {host}";
            throw BackupErrors.NotFound($"There is no backup of project {projectId}{where}{what} yet (backups taken by a rollback or restore are not 'latest').");
        }

        // A damaged folder may be a newer backup of this kind: the command says so before going ahead.
        var skipped = listing.Damaged
            .Where(d => !BackupId.TryGetTimestamp(Path.GetFileName(d.Path), out var at) || at >= chosen.CreatedAt.AddSeconds(-1))
            .ToList();
        return new LatestBackup(chosen, skipped);
    }

    /// <summary>Reads every item and verifies its checksum; throws UserError <c>backup_corrupt</c> naming the item.</summary>
    public Task<LoadedBackup> LoadAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var items = new List<BackupItemContent>(manifest.Items.Count);
        foreach (var item in manifest.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var problem = ItemFileCheck.Load(manifest, item, out var content);
            if (problem is not null)
            {
                throw BackupErrors.Corrupt(manifest.Id, problem);
            }

            ResourceTypeNames.TryParse(item.Type, out var type);
            items.Add(new BackupItemContent(type, item.Id, content!));
        }

        return Task.FromResult(new LoadedBackup(manifest, items));
    }

    /// <summary>As <see cref="LoadAsync(BackupManifest, CancellationToken)"/>, refusing a backup of another project first (for reading: any host).</summary>
    public Task<LoadedBackup> LoadAsync(BackupManifest manifest, string expectedProjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return string.Equals(manifest.ProjectId, expectedProjectId, StringComparison.Ordinal)
            ? LoadAsync(manifest, cancellationToken)
            : throw BackupErrors.ForeignProject(manifest, expectedProjectId);
    }

    /// <summary>
    /// As <see cref="LoadAsync(BackupManifest, CancellationToken)"/>, for restoring: refusing first a backup of another
    /// project, and one recorded as taken from another host than <paramref name="targetHost"/> (however
    /// it was chosen, a path included); a backup that records no host is accepted, having been named
    /// by full ID or path.
    /// </summary>
    public Task<LoadedBackup> LoadAsync(BackupManifest manifest, string expectedProjectId, string targetHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!string.Equals(manifest.ProjectId, expectedProjectId, StringComparison.Ordinal))
        {
            throw BackupErrors.ForeignProject(manifest, expectedProjectId);
        }

        if (manifest.Host is not null && !BackupHost.Same(manifest.Host, targetHost))
        {
            throw BackupErrors.ForeignHost(manifest, targetHost);
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
    /// What a prune would remove, removing nothing: per host of the project, the newest
    /// <paramref name="keep"/> backups (and always the newest one, which may be the undo of the last
    /// change) are kept whatever their age; of the others, those older than <paramref name="olderThan"/>
    /// go (defaults: 10 and 30 days). Hosts are counted apart, so local runs never push out real backups.
    /// </summary>
    public PruneResult PlanPrune(string projectId, TimeSpan olderThan, int keep = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        var cutoff = olderThan >= now - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : now - olderThan;
        var all = List(projectId);
        var removed = all
            .GroupBy(m => m.Host?.ToLowerInvariant())
            .SelectMany(g => g.Skip(Math.Max(keep, 1)))
            .Where(m => m.CreatedAt < cutoff)
            .ToHashSet();
        return new PruneResult(
            all.Where(removed.Contains).Select(BackupSummary.From).ToList(),
            all.Where(m => !removed.Contains(m)).Select(BackupSummary.From).ToList(),
            DryRun: true);
    }

    /// <summary>
    /// Removes what <see cref="PlanPrune"/> listed, so exactly what was shown (and confirmed) goes. The
    /// caller holds the project's lock, so the backup of a change in progress cannot be among them.
    /// </summary>
    public PruneResult Remove(PruneResult plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var backup in plan.Removed)
        {
            BackupRemover.Remove(backup.Path, backup.Id);
        }

        return plan with { DryRun = false };
    }

    /// <summary><see cref="PlanPrune"/>, then <see cref="Remove"/> unless <paramref name="dryRun"/>.</summary>
    public PruneResult Prune(string projectId, TimeSpan olderThan, int keep = 10, bool dryRun = false)
    {
        var plan = PlanPrune(projectId, olderThan, keep);
        return dryRun ? plan : Remove(plan);
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
    private static BackupManifest? ReadListable(string folder, out string? problem)
    {
        if (new DirectoryInfo(folder).LinkTarget is not null)
        {
            problem = "it is a symbolic link, which is never followed";
            return null;
        }

        var manifest = BackupManifestReader.TryRead(folder, out problem, out _);
        if (manifest is null)
        {
            return null;
        }

        var projectId = Path.GetFileName(Path.GetDirectoryName(folder));
        if (!string.Equals(manifest.Id, Path.GetFileName(folder), StringComparison.Ordinal)
            || !string.Equals(manifest.ProjectId, projectId, StringComparison.Ordinal))
        {
            problem = $"its {BackupManifestReader.FileName} names backup {manifest.Id} of project {manifest.ProjectId}, not the folder it is in";
            return null;
        }

        return manifest;
    }
}
