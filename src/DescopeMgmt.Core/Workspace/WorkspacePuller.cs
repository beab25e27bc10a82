using System.Text.Json.Nodes;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Workspace;

/// <summary>What pull did with one workspace file.</summary>
public enum PullStatus
{
    Written,
    Unchanged,
    /// <summary>The file holds ${VAR} placeholders and live differs from it; it was kept (no --force).</summary>
    KeptWithPlaceholders,
    /// <summary>The file differs from what the last pull or apply wrote (edits not applied yet) and from live; pull refuses without --force.</summary>
    Edited,
}

/// <summary>How one item of a kept file differs from live: old is the file (placeholders filled), new is live.</summary>
public sealed record PullDifference(ResourceKey Key, JsonObject? File, JsonObject? Live, IReadOnlyList<PropertyChange> Changes);

public sealed record PulledFile(string RelativePath, PullStatus Status, IReadOnlyList<PullDifference> Differences);

/// <summary>The files pull touched, and workspace files of managed items that no longer exist live.</summary>
public sealed record PullResult(IReadOnlyList<PulledFile> Files, IReadOnlyList<string> FilesNotLive)
{
    public int Count(PullStatus status) => Files.Count(f => f.Status == status);

    /// <summary>True when files hold unapplied edits: then nothing was written.</summary>
    public bool Refused => Files.Any(f => f.Status == PullStatus.Edited);
}

/// <summary>
/// pull: writes the live items of every managed kind into their workspace files. A file holding ${VAR}
/// placeholders is never overwritten without <c>force</c> (it would lose them); the difference between
/// it, placeholders filled for the environment, and live is returned instead. A literal <c>${</c> in live
/// content is written as <c>$${</c>, so the loader reads it back unchanged instead of as a placeholder.
/// Files whose items are gone (a flow deleted live) are reported, not deleted: they may be the only copy.
/// A file that differs both from live and from what the last pull or apply wrote (<see cref="WorkspaceRecord"/>)
/// holds edits not applied yet: without <c>force</c> the pull writes nothing at all and returns those files.
/// </summary>
public static class WorkspacePuller
{
    /// <summary>Decides every file, then writes them (none with <paramref name="dryRun"/>: the result says what would be written).</summary>
    /// <param name="current">The workspace as it is now, read at most once and only when needed; a caller that read it already passes its own.</param>
    public static PullResult Pull(string root, ManageConfig manage, string? environmentName, Func<string, string?> getVariable, LiveSnapshot live, bool force, bool dryRun = false,
        Lazy<LoadedWorkspace>? current = null)
    {
        current ??= new Lazy<LoadedWorkspace>(() => WorkspaceLoader.Load(root, environmentName, getVariable));
        LoadedWorkspace Current() => current.Value;
        var files = new List<PulledFile>();
        var notLive = new List<string>();

        // Every file is decided before any is written, so a file that stops the pull leaves the workspace as it was.
        var writes = new List<(string Path, string Text)>();
        var record = WorkspaceRecord.Read(root);
        var same = new List<(string Relative, string Text)>();
        foreach (var kind in ResourceKinds.All.Where(k => manage.Manages(k.Type) && live.Kinds.Contains(k.Type)))
        {
            if (kind.WorkspaceFile.EndsWith('/') && File.Exists(Path.Combine(root, kind.WorkspaceFile.TrimEnd('/'))))
            {
                throw new UserError("workspace_invalid", $"{kind.WorkspaceFile.TrimEnd('/')} in {root} is a file; it must be the folder of {kind.Name} files.",
                    "Move the file away, then pull again.");
            }

            var items = live.Of(kind.Type).Where(i => kind.Manages(manage, i.Key)).ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
            foreach (var file in kind.ToWorkspaceFiles(items, live))
            {
                var pulled = PullFile(root, file, force, record, () => Differences(kind, file, Current(), items), writes, same);
                // A dry run shows what each existing file would become, item by item, not only its name.
                if (dryRun && pulled.Status == PullStatus.Written && File.Exists(Path.Combine(root, file.File)))
                {
                    pulled = pulled with { Differences = Differences(kind, file, Current(), items).Where(d => d.Changes.Count > 0).ToList() };
                }

                files.Add(pulled);
            }

            notLive.AddRange(kind.FilesNotLive(root, items, manage));
        }

        var result = new PullResult(files, notLive);
        if (dryRun || result.Refused)
        {
            return result;
        }

        foreach (var (path, text) in writes)
        {
            WorkspaceWriter.Write(path, text);
            record.Remember(Path.GetRelativePath(root, path), text);
        }

        foreach (var (relative, text) in same)
        {
            record.Remember(relative, text);
        }

        record.Save();
        return result;
    }

    private static PulledFile PullFile(string root, WorkspaceFileText file, bool force, WorkspaceRecord record, Func<IEnumerable<PullDifference>> differences,
        List<(string Path, string Text)> writes, List<(string Relative, string Text)> same)
    {
        var path = Path.Combine(root, file.File);
        var relative = file.File;
        var text = TemplateText.Escape(file.Text);
        if (File.Exists(path))
        {
            var (read, failure) = WorkspaceFiles.ReadText(path);
            if (failure is not null)
            {
                throw new UserError("workspace_file_unreadable", $"{relative}{(failure.Line is { } line ? $":{line}" : "")}: {failure.Message}.",
                    "Replace it with a regular UTF-8 file (or delete it), then pull again.");
            }

            var existing = read!;
            if (string.Equals(existing, text, StringComparison.Ordinal))
            {
                same.Add((relative, text));
                return new PulledFile(relative, PullStatus.Unchanged, []);
            }

            if (!force && TemplateText.ContainsPlaceholders(existing))
            {
                var changed = differences().Where(d => d.Changes.Count > 0).ToList();
                return new PulledFile(relative, changed.Count == 0 ? PullStatus.Unchanged : PullStatus.KeptWithPlaceholders, changed);
            }

            if (!force && !record.Wrote(relative, existing))
            {
                // Empty differences: the file says what live says, in other words (formatting, comments) that a write would lose.
                return new PulledFile(relative, PullStatus.Edited, differences().Where(d => d.Changes.Count > 0).ToList());
            }
        }

        writes.Add((path, text));
        return new PulledFile(relative, PullStatus.Written, []);
    }

    /// <summary>How each item of the file differs: the items it holds live and those the workspace file holds now.</summary>
    private static IEnumerable<PullDifference> Differences(ResourceKind kind, WorkspaceFileText file, LoadedWorkspace current, IReadOnlyDictionary<string, JsonObject> live)
    {
        var inFile = current.Desired.OrEmpty(kind.Type).Values.Where(d => d.File == file.File).ToDictionary(d => d.Id, d => SensitiveFields.Mask(kind, d.Document), StringComparer.Ordinal);
        return inFile.Keys.Union(file.Ids, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => new ResourceKey(kind.Type, id))
            .Select(key => new PullDifference(key, inFile.GetValueOrDefault(key.Id), live.GetValueOrDefault(key.Id),
                JsonDiff.Compare(inFile.GetValueOrDefault(key.Id), live.GetValueOrDefault(key.Id), kind.Diff)));
    }
}
