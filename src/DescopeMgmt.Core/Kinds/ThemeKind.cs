using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Kinds;

/// <summary>The project's one theme (ID <c>theme</c>, file <c>theme.json</c>): only ever replaced, never deleted.</summary>
public sealed class ThemeKind : ResourceKind
{
    public const string File = "theme.json";

    public override ResourceType Type => ResourceType.Theme;

    public override string Name => "theme";

    public override string KindsName => "theme";

    public override int Order => 0;

    public override bool CanDelete => false;

    public override bool HasRollbackCommand => false;

    public override string WorkspaceFile => File;

    public override DiffOptions Diff { get; } = new(
        new HashSet<string>(StringComparer.Ordinal) { "id", "version", "etag", "modifiedTime" },
        ZeroValuesAreAbsent: false);

    public override string BackupPath(string fileStem) => "theme.json";

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Themes.ExportAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DescopeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>The theme of the project snapshot flows are read from, else one export; a project without a theme has no item.</summary>
    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken)
    {
        var theme = await context.ProjectSnapshotAsync(cancellationToken).ConfigureAwait(false) is { } snapshot
            ? snapshot.Theme
            : await context.Client.Themes.ExportAsync(cancellationToken).ConfigureAwait(false);
        return theme is { Count: > 0 }
            ? new Dictionary<string, JsonObject> { [ResourceKey.ThemeId] = theme }
            : new Dictionary<string, JsonObject>();
    }

    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken) =>
        client.Themes.ImportAsync(desired, cancellationToken);

    public override IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source)
    {
        if (!source.Exists(File) || source.ReadJson(Path.Combine(source.Root, File), File, new CompactJsonReader()) is not { } element)
        {
            return source.Exists(File) ? new Dictionary<string, DesiredItem>() : null;
        }

        var theme = SnapshotFlows.ToNode(element);
        var shapeProblems = ThemeRules.Problems(theme);
        foreach (var problem in shapeProblems)
        {
            source.Problems.Add(WorkspaceProblem.Error(File, null, null, problem.ToString()));
        }

        return shapeProblems.Count == 0 && theme is JsonObject document
            ? new Dictionary<string, DesiredItem> { [ResourceKey.ThemeId] = new(ResourceKey.ThemeId, document, File, null) }
            : new Dictionary<string, DesiredItem>();
    }

    public override IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from) =>
        live.TryGetValue(ResourceKey.ThemeId, out var theme) ? [new WorkspaceFileText(File, WorkspaceWriter.JsonText(theme, this), [ResourceKey.ThemeId])] : [];
}
