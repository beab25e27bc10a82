using System.Text;
using System.Text.Json;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Writes a whole backup into <c>&lt;project&gt;/.tmp-&lt;id&gt;</c>, fsyncs every file and folder, then
/// renames it into place, so a crash leaves either a complete backup or a temp folder that nothing lists.
/// </summary>
internal static class BackupWriter
{
    public const string TempPrefix = ".tmp-";

    private static readonly TimeSpan StaleTempAge = TimeSpan.FromHours(1);

    private static readonly UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task<BackupManifest> WriteAsync(
        string projectDirectory,
        BackupRequest request,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var plan = PlanFiles(request.Items);
        string? temp = null;
        try
        {
            AtomicFile.CreatePrivateDirectory(projectDirectory);
            RemoveStaleTemps(projectDirectory, now);

            var id = BackupId.New(now);
            while (Directory.Exists(Path.Combine(projectDirectory, id)))
            {
                id = BackupId.New(now);
            }

            temp = Path.Combine(projectDirectory, TempPrefix + id);
            AtomicFile.CreatePrivateDirectory(temp);
            var subfolders = plan.Select(p => Path.GetDirectoryName(p.Path)).OfType<string>()
                .Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            foreach (var folder in subfolders)
            {
                AtomicFile.CreatePrivateDirectory(Path.Combine(temp, folder));
            }

            var items = new BackupManifestItem[plan.Count];
            // Thousands of tenants mean thousands of fsyncs; running a few at once lets the file
            // system batch them into fewer journal commits.
            await Parallel.ForAsync(
                0,
                plan.Count,
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                (index, _) =>
                {
                    var (item, path) = plan[index];
                    var bytes = Encoding.UTF8.GetBytes(CanonicalJson.Serialize(item.Content));
                    WritePrivateFile(Path.Combine(temp, path), bytes);
                    items[index] = new BackupManifestItem(
                        ResourceTypeNames.ToWire(item.Type), item.Id, path, ItemFileCheck.Sha256Hex(bytes));
                    return ValueTask.CompletedTask;
                });

            var manifest = new BackupManifest
            {
                Format = BackupManifest.CurrentFormat,
                Id = id,
                // Whole milliseconds: precise enough to order backups, short enough to read.
                CreatedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
                ProjectId = request.ProjectId,
                Environment = request.Environment,
                Host = request.Host,
                Operation = request.Operation,
                ToolVersion = request.ToolVersion,
                User = request.User,
                Note = request.Note,
                Kinds = KindsOf(request),
                RollbackOf = request.RollbackOf,
                Items = items,
                Absent = request.Absent is { Count: > 0 } absent
                    ? absent.Select(k => new BackupAbsentItem(ResourceTypeNames.ToWire(k.Type), k.Id)).ToList()
                    : null,
            };
            var manifestNode = JsonSerializer.SerializeToNode(manifest, BackupJsonContext.Default.BackupManifest);
            WritePrivateFile(
                Path.Combine(temp, BackupManifestReader.FileName),
                Encoding.UTF8.GetBytes(CanonicalJson.Serialize(manifestNode)));

            foreach (var folder in subfolders)
            {
                AtomicFile.FsyncDirectory(Path.Combine(temp, folder));
            }

            AtomicFile.FsyncDirectory(temp);
            var final = Path.Combine(projectDirectory, id);
            Directory.Move(temp, final);
            temp = null;
            AtomicFile.FsyncDirectory(projectDirectory);
            manifest.Directory = Path.GetFullPath(final);
            return manifest;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw BackupErrors.WriteFailed(projectDirectory, ex);
        }
        finally
        {
            if (temp is not null)
            {
                TryDeleteDirectory(temp);
            }
        }
    }

    private static List<string> KindsOf(BackupRequest request) =>
        (request.Kinds ?? [.. request.Items.Select(i => i.Type), .. (request.Absent ?? []).Select(k => k.Type)])
            .Distinct()
            .Order()
            .Select(ResourceTypeNames.ToWire)
            .ToList();

    private static List<(BackupItemContent Item, string Path)> PlanFiles(IReadOnlyList<BackupItemContent> items)
    {
        var keys = new HashSet<ResourceKey>();
        // Case-insensitive, so two tenants 'Acme' and 'acme' get two files on macOS and Windows too.
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var plan = new List<(BackupItemContent, string)>(items.Count);
        foreach (var item in items)
        {
            ArgumentException.ThrowIfNullOrEmpty(item.Id);
            ArgumentNullException.ThrowIfNull(item.Content);
            if (BackupItemPath.IdProblem(ResourceTypeNames.ToWire(item.Type), item.Id) is { } problem)
            {
                throw new UserError(
                    "backup_failed",
                    $"Cannot back up {ResourceTypeNames.ToWire(item.Type)} '{new string([.. item.Id.Take(100).Select(c => char.IsControl(c) ? '?' : c)])}', {problem}. Nothing was changed.",
                    "The live project holds an ID descope-mgmt cannot keep safely; rename it in the Descope console first.");
            }

            if (!keys.Add(item.Key))
            {
                throw new ArgumentException($"Item {item.Key} is listed twice.", nameof(items));
            }

            var path = BackupItemPath.For(item.Type, item.Id);
            for (var n = 2; !paths.Add(path); n++)
            {
                path = BackupItemPath.For(item.Type, item.Id)[..^".json".Length] + $"~{n}.json";
            }

            plan.Add((item, path));
        }

        return plan;
    }

    private static void WritePrivateFile(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        using var stream = new FileStream(path, options);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    // A temp folder an hour old belongs to a run that crashed; younger ones may still be being written.
    private static void RemoveStaleTemps(string projectDirectory, DateTimeOffset now)
    {
        foreach (var folder in Directory.EnumerateDirectories(projectDirectory, TempPrefix + "*"))
        {
            var name = Path.GetFileName(folder)[TempPrefix.Length..];
            var started = BackupId.TryGetTimestamp(name, out var stamp)
                ? stamp
                : new DateTimeOffset(Directory.GetLastWriteTimeUtc(folder), TimeSpan.Zero);
            if (now - started > StaleTempAge)
            {
                TryDeleteDirectory(folder);
            }
        }
    }

    internal static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
