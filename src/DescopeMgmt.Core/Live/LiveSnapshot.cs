using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Live;

/// <summary>
/// Everything live that a plan compares, by kind, plus the raw parts of each flow when they came from a
/// project snapshot (for cheap equality of unchanged parts). <see cref="Kinds"/> says which kinds were
/// read, so a kind read as empty is known to be empty.
/// </summary>
public sealed record LiveSnapshot(IReadOnlyDictionary<ResourceType, IReadOnlyDictionary<string, JsonObject>> ByKind, bool UsedProjectSnapshot)
{
    private static readonly IReadOnlyDictionary<string, JsonObject> None = new Dictionary<string, JsonObject>();

    public IReadOnlyDictionary<string, FlowRawParts> FlowParts { get; init; } = new Dictionary<string, FlowRawParts>();

    public IReadOnlySet<ResourceType> Kinds => ByKind.Keys.ToHashSet();

    /// <summary>The live items of a kind by ID (empty when the kind was not read).</summary>
    public IReadOnlyDictionary<string, JsonObject> Of(ResourceType type) => ByKind.GetValueOrDefault(type) ?? None;

    public IReadOnlyDictionary<string, JsonObject> Flows => Of(ResourceType.Flow);

    /// <summary>Every item read, as documents by key, in the order of the kinds.</summary>
    public IEnumerable<KeyValuePair<ResourceKey, JsonObject>> Items() =>
        ResourceKinds.All.Where(k => ByKind.ContainsKey(k.Type))
            .SelectMany(k => Of(k.Type).OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => KeyValuePair.Create(new ResourceKey(k.Type, i.Key), i.Value)));
}

/// <summary>
/// What the kinds read live with: the client, where notes go, the IDs the workspace names (a kind that
/// cannot list its items reads those), and the project snapshot that flows and the theme share, exported
/// at most once.
/// </summary>
public sealed class LiveReadContext(DescopeClient client, IProgress<string>? notes, Func<ResourceType, IReadOnlyCollection<string>>? wanted = null)
{
    private Task<ProjectSnapshotRead?>? snapshot;

    public DescopeClient Client => client;

    public IProgress<string>? Notes => notes;

    /// <summary>The raw parts of flows read from a snapshot, for the differ.</summary>
    public IReadOnlyDictionary<string, FlowRawParts> FlowParts { get; set; } = new Dictionary<string, FlowRawParts>();

    public bool UsedProjectSnapshot { get; private set; }

    /// <summary>What the workspace manages, when the read is for one (a kind managed per tenant reads only those tenants); null reads everything.</summary>
    public Workspace.ManageConfig? Manage { get; init; }

    /// <summary>The IDs of the kind that the workspace names.</summary>
    public IReadOnlyCollection<string> Wanted(ResourceType type) => wanted?.Invoke(type) ?? [];

    /// <summary>
    /// The project snapshot, or null when the project refuses to export one (plan or permission). A 401 is
    /// a wrong key, not a refusal, and is thrown like any other failure.
    /// </summary>
    public Task<ProjectSnapshotRead?> ProjectSnapshotAsync(CancellationToken cancellationToken) => snapshot ??= ReadSnapshotAsync(cancellationToken);

    private async Task<ProjectSnapshotRead?> ReadSnapshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            var files = await client.Projects.ExportSnapshotAsync(cancellationToken).ConfigureAwait(false);
            UsedProjectSnapshot = true;
            return new ProjectSnapshotRead(SnapshotFlows.ReadFlows(files), SnapshotFlows.ReadTheme(files));
        }
        catch (DescopeApiException ex) when (ex.StatusCode is 403 or 404 or 400 or 501)
        {
            return null;
        }
    }
}

/// <summary>The flows and theme of one project snapshot export.</summary>
public sealed record ProjectSnapshotRead(IReadOnlyDictionary<string, (JsonObject Flow, FlowRawParts Raw)> Flows, JsonObject? Theme);

/// <summary>
/// Reads live state for a plan at a constant API cost, kind by kind: one project snapshot export for
/// flows and the theme, one list call for each kind the API lists whole. When the project refuses
/// snapshot export (plan or permission), flows fall back to a list plus one export each, paced by the
/// client's rate limiter.
/// </summary>
public sealed class LiveSnapshotReader(DescopeClient client)
{
    /// <summary>Every live item of the given kinds; <paramref name="wanted"/> names the items of kinds that cannot be listed.</summary>
    public async Task<LiveSnapshot> ReadAsync(IReadOnlySet<ResourceType> types, IProgress<string>? notes, CancellationToken cancellationToken,
        Func<ResourceType, IReadOnlyCollection<string>>? wanted = null, Workspace.ManageConfig? manage = null)
    {
        var context = new LiveReadContext(client, notes, wanted) { Manage = manage };
        var result = new Dictionary<ResourceType, IReadOnlyDictionary<string, JsonObject>>();
        foreach (var kind in ResourceKinds.All.Where(k => types.Contains(k.Type)))
        {
            result[kind.Type] = await kind.ReadAllAsync(context, cancellationToken).ConfigureAwait(false);
        }

        return new LiveSnapshot(result, context.UsedProjectSnapshot) { FlowParts = context.FlowParts };
    }
}
