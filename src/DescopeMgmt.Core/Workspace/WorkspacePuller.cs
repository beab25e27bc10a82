using System.Text.Json.Nodes;
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
}

/// <summary>How one item of a kept file differs from live: old is the file (placeholders filled), new is live.</summary>
public sealed record PullDifference(ResourceKey Key, JsonObject? File, JsonObject? Live, IReadOnlyList<PropertyChange> Changes);

public sealed record PulledFile(string RelativePath, PullStatus Status, IReadOnlyList<PullDifference> Differences);

/// <summary>The files pull touched, and flow files of managed flows that no longer exist live.</summary>
public sealed record PullResult(IReadOnlyList<PulledFile> Files, IReadOnlyList<string> FlowFilesNotLive)
{
    public int Count(PullStatus status) => Files.Count(f => f.Status == status);
}

/// <summary>
/// pull: writes live flows, the theme and tenants into the workspace files. A file holding ${VAR}
/// placeholders is never overwritten without <c>force</c> (it would lose them); the difference between
/// it, placeholders filled for the environment, and live is returned instead. A literal <c>${</c> in live
/// content is written as <c>$${</c>, so the loader reads it back unchanged instead of as a placeholder.
/// Flow files whose flow is gone are reported, not deleted: they may be the only copy.
/// </summary>
public static class WorkspacePuller
{
    /// <summary>Decides every file, then writes them (none with <paramref name="dryRun"/>: the result says what would be written).</summary>
    public static PullResult Pull(string root, ManageConfig manage, string? environmentName, Func<string, string?> getVariable, LiveSnapshot live, bool force, bool dryRun = false)
    {
        LoadedWorkspace? current = null;
        LoadedWorkspace Current() => current ??= WorkspaceLoader.Load(root, environmentName, getVariable);
        var files = new List<PulledFile>();
        if (File.Exists(Path.Combine(root, WorkspaceLayout.FlowsFolder)))
        {
            throw new UserError("workspace_invalid", $"{WorkspaceLayout.FlowsFolder} in {root} is a file; it must be the folder of flow files.",
                "Move the file away, then pull again.");
        }

        // Every file is decided before any is written, so a file that stops the pull leaves the workspace as it was.
        var writes = new List<(string Path, string Text)>();
        var pulledFlows = live.Flows.Where(f => manage.ManagesFlow(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();

        // The server chooses flow IDs and each becomes a file name: every one is checked before any file
        // is written, so a hostile or odd ID ('../x', 'CON') stops the pull with nothing written.
        var source = live.UsedProjectSnapshot ? "POST /v1/mgmt/project/snapshot/export" : "POST /v1/mgmt/flow/list";
        foreach (var (id, _) in pulledFlows)
        {
            Flows.FlowIds.EnsureSafe(id, source);
        }

        // On Windows and macOS file names ignore case: two such flows would overwrite one file.
        if (pulledFlows.GroupBy(f => f.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new UserError("flow_id_clash", $"Flows {string.Join(" and ", clash.Select(f => $"'{f.Key}'"))} (from {source}) differ only in case, so they would share one file on Windows and macOS.",
                "Rename one of them in Descope, or leave them unmanaged (manage.flows in descope.yaml).");
        }

        foreach (var (id, flow) in pulledFlows)
        {
            files.Add(PullFile(root, WorkspaceLayout.FlowPath(root, id), WorkspaceWriter.FlowText(flow), force,
                () => [Difference(ResourceKey.Flow(id), Current().Flows.GetValueOrDefault(id)?.Document, flow)], writes));
        }

        if (manage.Theme && live.Theme is { Count: > 0 } theme)
        {
            files.Add(PullFile(root, Path.Combine(root, WorkspaceLayout.ThemeFile), WorkspaceWriter.ThemeText(theme), force,
                () => [Difference(ResourceKey.Theme, Current().Theme, theme)], writes));
        }

        if (manage.Tenants)
        {
            files.Add(PullFile(root, Path.Combine(root, WorkspaceLayout.TenantsFile), WorkspaceWriter.TenantsText(live.Tenants.Values), force,
                () => TenantDifferences(Current().Tenants ?? [], live.Tenants), writes));
        }

        foreach (var (path, text) in dryRun ? [] : writes)
        {
            WorkspaceWriter.Write(path, text);
        }

        var flowsFolder = Path.Combine(root, WorkspaceLayout.FlowsFolder);
        var notLive = Directory.Exists(flowsFolder)
            ? Directory.EnumerateFiles(flowsFolder, "*.json")
                .Where(f => manage.ManagesFlow(Path.GetFileNameWithoutExtension(f)) && !live.Flows.ContainsKey(Path.GetFileNameWithoutExtension(f)))
                .Select(f => WorkspaceLayout.Relative(root, f))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        return new PullResult(files, notLive);
    }

    private static PulledFile PullFile(string root, string path, string liveText, bool force, Func<IEnumerable<PullDifference>> differences, List<(string Path, string Text)> writes)
    {
        var relative = WorkspaceLayout.Relative(root, path);
        var text = TemplateText.Escape(liveText);
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
                return new PulledFile(relative, PullStatus.Unchanged, []);
            }

            if (!force && TemplateText.ContainsPlaceholders(existing))
            {
                var changed = differences().Where(d => d.Changes.Count > 0).ToList();
                return new PulledFile(relative, changed.Count == 0 ? PullStatus.Unchanged : PullStatus.KeptWithPlaceholders, changed);
            }
        }

        writes.Add((path, text));
        return new PulledFile(relative, PullStatus.Written, []);
    }

    private static PullDifference Difference(ResourceKey key, JsonObject? file, JsonObject? live) =>
        new(key, file, live, JsonDiff.Compare(file, live, DiffOptions.For(key.Type)));

    private static IEnumerable<PullDifference> TenantDifferences(IReadOnlyList<WorkspaceTenant> file, IReadOnlyDictionary<string, JsonObject> live)
    {
        var inFile = file.GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Document, StringComparer.Ordinal);
        return inFile.Keys.Union(live.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => Difference(ResourceKey.Tenant(id), inFile.GetValueOrDefault(id), live.GetValueOrDefault(id)));
    }
}
