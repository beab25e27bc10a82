using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Backups at <c>&lt;root&gt;/&lt;projectId&gt;/&lt;backupId&gt;/</c> (design.md §6). A backup is written whole in a
/// temporary folder and renamed into place, so a crash never leaves one that looks complete;
/// every read verifies the checksums.
/// </summary>
public sealed class BackupStore(string backupRoot, TimeProvider time)
{
    private const string TempPrefix = ".tmp-";

    public string Root => backupRoot;

    public Task<BackupManifest> CreateAsync(BackupRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var id = $"{now:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var projectFolder = Path.Combine(backupRoot, SafeSegment(request.ProjectId));
        var temp = Path.Combine(projectFolder, TempPrefix + id);
        try
        {
            AtomicFile.CreatePrivateDirectory(projectFolder);
            CleanStaleTemporaryFolders(projectFolder, now);
            AtomicFile.CreatePrivateDirectory(temp);
            var manifest = new BackupManifest
            {
                Id = id,
                CreatedAt = now,
                ProjectId = request.ProjectId,
                Environment = request.Environment,
                Operation = request.Operation,
                ToolVersion = request.ToolVersion,
                User = request.User,
                Note = request.Note,
            };
            foreach (var item in request.Items)
            {
                var relative = ItemPath(item.Type, item.Id);
                var bytes = Encoding.UTF8.GetBytes(CanonicalJson.Serialize(item.Content));
                AtomicFile.WriteAllBytes(Path.Combine(temp, relative), bytes);
                manifest.Items.Add(new BackupManifestItem(ResourceTypeNames.ToWire(item.Type), item.Id, relative, Convert.ToHexStringLower(SHA256.HashData(bytes))));
            }

            AtomicFile.WriteAllText(Path.Combine(temp, "manifest.json"), JsonSerializer.Serialize(manifest, BackupJsonContext.Default.BackupManifest) + "\n");
            AtomicFile.FsyncDirectory(temp);
            var final = Path.Combine(projectFolder, id);
            Directory.Move(temp, final);
            AtomicFile.FsyncDirectory(projectFolder);
            manifest.Directory = final;
            return Task.FromResult(manifest);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new UserError("backup_failed", $"Could not write a backup to {projectFolder}: {ex.Message}. Nothing was changed.",
                "Free disk space or fix the folder's permissions, or choose another folder with --backup-dir / DESCOPE_BACKUP_DIR.");
        }
    }

    /// <summary>Backups with a readable manifest, newest first; temporary and broken folders are skipped.</summary>
    public IReadOnlyList<BackupManifest> List(string? projectId = null, ResourceKey? containing = null)
    {
        if (!Directory.Exists(backupRoot))
        {
            return [];
        }

        var projectFolders = projectId is null
            ? Directory.GetDirectories(backupRoot)
            : [Path.Combine(backupRoot, SafeSegment(projectId))];
        var manifests = new List<BackupManifest>();
        foreach (var folder in projectFolders.Where(Directory.Exists))
        {
            foreach (var backup in Directory.GetDirectories(folder))
            {
                if (Path.GetFileName(backup).StartsWith('.') || TryReadManifest(backup) is not { } manifest)
                {
                    continue;
                }

                if (containing is { } key && !manifest.Items.Any(i => i.Type == ResourceTypeNames.ToWire(key.Type) && i.Id == key.Id))
                {
                    continue;
                }

                manifests.Add(manifest);
            }
        }

        return manifests.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Resolves a REF (design.md §5): a folder or manifest path, an ID or unique prefix, a timestamp, or <c>latest</c>.</summary>
    public BackupManifest Resolve(string reference, string? projectId) =>
        BackupReference.Resolve(this, reference, projectId);

    public async Task<LoadedBackup> LoadAsync(BackupManifest manifest, string? expectedProjectId, CancellationToken cancellationToken)
    {
        if (expectedProjectId is not null && !string.Equals(manifest.ProjectId, expectedProjectId, StringComparison.Ordinal))
        {
            throw new UserError("backup_foreign_project",
                $"Backup {manifest.Id} belongs to project {manifest.ProjectId}, not to {expectedProjectId}.",
                "Restore it only into its own project (choose it with --project-id or --env), or pick a backup of this project with `descope-mgmt backup list`.");
        }

        var items = new List<BackupItemContent>(manifest.Items.Count);
        foreach (var item in manifest.Items)
        {
            var (content, problem) = await ReadItemAsync(manifest, item, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                throw Corrupt(manifest, problem);
            }

            ResourceTypeNames.TryParse(item.Type, out var type);
            items.Add(new BackupItemContent(type, item.Id, content!));
        }

        return new LoadedBackup(manifest, items);
    }

    public async Task<BackupVerification> VerifyAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var checks = new List<BackupItemCheck>();
        foreach (var item in manifest.Items)
        {
            var (_, problem) = await ReadItemAsync(manifest, item, cancellationToken).ConfigureAwait(false);
            checks.Add(new BackupItemCheck(item.Type, item.Id, item.Path, problem));
        }

        return new BackupVerification(manifest, checks);
    }

    /// <summary>Removes backups older than <paramref name="olderThan"/>, always keeping the newest <paramref name="keep"/>.</summary>
    public PruneResult Prune(string projectId, TimeSpan olderThan, int keep, bool dryRun)
    {
        var all = List(projectId);
        var cutoff = time.GetUtcNow() - olderThan;
        var removed = all.Skip(Math.Max(keep, 0)).Where(m => m.CreatedAt < cutoff).ToList();
        if (!dryRun)
        {
            foreach (var manifest in removed)
            {
                Directory.Delete(manifest.Directory, recursive: true);
            }
        }

        return new PruneResult(removed, all.Except(removed).ToList());
    }

    internal static BackupManifest ReadManifest(string folder) =>
        TryReadManifest(folder, out var problem) ?? throw new UserError("backup_corrupt",
            $"{Path.Combine(folder, "manifest.json")} is not a valid backup manifest: {problem}",
            "Choose another backup with `descope-mgmt backup list`.");

    private static BackupManifest? TryReadManifest(string folder) => TryReadManifest(folder, out _);

    private static BackupManifest? TryReadManifest(string folder, out string? problem)
    {
        var path = Path.Combine(folder, "manifest.json");
        problem = null;
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), BackupJsonContext.Default.BackupManifest);
            if (manifest is null || manifest.Format != BackupManifest.CurrentFormat || string.IsNullOrEmpty(manifest.Id))
            {
                problem = $"unknown format '{manifest?.Format}'";
                return null;
            }

            manifest.Directory = Path.GetFullPath(folder);
            return manifest;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            problem = ex is FileNotFoundException ? "manifest.json is missing" : ex.Message;
            return null;
        }
    }

    private static async Task<(JsonNode? Content, string? Problem)> ReadItemAsync(BackupManifest manifest, BackupManifestItem item, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(manifest.Directory, item.Path));
        if (!path.StartsWith(manifest.Directory, StringComparison.Ordinal))
        {
            return (null, $"item {item.Type}:{item.Id} points outside the backup ({item.Path})");
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"{item.Path} ({item.Type} '{item.Id}') is missing or unreadable");
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), item.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"{item.Path} ({item.Type} '{item.Id}') does not match its checksum: it was changed or truncated");
        }

        try
        {
            return (JsonNode.Parse(bytes), null);
        }
        catch (JsonException ex)
        {
            return (null, $"{item.Path} ({item.Type} '{item.Id}') is not valid JSON: {ex.Message}");
        }
    }

    private static UserError Corrupt(BackupManifest manifest, string problem) => new("backup_corrupt",
        $"Backup {manifest.Id} is damaged: {problem}. Nothing was changed.",
        $"Check it with `descope-mgmt backup verify {manifest.Id}`, or choose another backup with `descope-mgmt backup list`.");

    internal static string ItemPath(ResourceType type, string id) => type switch
    {
        ResourceType.Flow => $"flows/{SafeSegment(id)}.json",
        ResourceType.Theme => "theme.json",
        _ => $"tenants/{SafeSegment(id)}.json",
    };

    private static string SafeSegment(string value) => Uri.EscapeDataString(value).Replace("%", "_", StringComparison.Ordinal);

    private void CleanStaleTemporaryFolders(string projectFolder, DateTimeOffset now)
    {
        foreach (var folder in Directory.GetDirectories(projectFolder, TempPrefix + "*"))
        {
            if (now - Directory.GetLastWriteTimeUtc(folder) > TimeSpan.FromHours(1))
            {
                TryDelete(folder);
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
