using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Tenants;

namespace DescopeMgmt.Core.Live;

/// <summary>
/// Everything live that a plan compares: flows and the theme (v2 documents) and tenants, plus the raw
/// parts of each flow when they came from a project snapshot (for cheap equality of unchanged parts).
/// </summary>
public sealed record LiveSnapshot(
    IReadOnlyDictionary<string, JsonObject> Flows,
    JsonObject? Theme,
    IReadOnlyDictionary<string, JsonObject> Tenants,
    bool UsedProjectSnapshot)
{
    public IReadOnlyDictionary<string, FlowRawParts> FlowParts { get; init; } = new Dictionary<string, FlowRawParts>();

    /// <summary>Every item read, as documents by key (the theme only when the project has one).</summary>
    public IEnumerable<KeyValuePair<ResourceKey, JsonObject>> Items() =>
        Flows.Select(f => KeyValuePair.Create(ResourceKey.Flow(f.Key), f.Value))
            .Concat(Theme is { Count: > 0 } theme ? [KeyValuePair.Create(ResourceKey.Theme, theme)] : [])
            .Concat(Tenants.Select(t => KeyValuePair.Create(ResourceKey.Tenant(t.Key), t.Value)));
}

/// <summary>
/// Reads the whole live state for a plan at a constant API cost: one project snapshot export for flows
/// and the theme, one load-all for tenants. When the project refuses snapshot export (plan or
/// permission), it falls back to a list plus one export per flow, paced by the client's rate limiter.
/// </summary>
public sealed class LiveSnapshotReader(DescopeClient client)
{
    /// <summary>Everything live of the given kinds, at the same constant cost.</summary>
    public Task<LiveSnapshot> ReadAsync(IReadOnlySet<ResourceType> types, IProgress<string>? notes, CancellationToken cancellationToken) =>
        ReadAsync(types.Contains(ResourceType.Flow), types.Contains(ResourceType.Theme), types.Contains(ResourceType.Tenant), notes, cancellationToken);

    public async Task<LiveSnapshot> ReadAsync(bool flows, bool theme, bool tenants, IProgress<string>? notes, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, JsonObject> liveFlows = new Dictionary<string, JsonObject>();
        IReadOnlyDictionary<string, FlowRawParts> parts = new Dictionary<string, FlowRawParts>();
        JsonObject? liveTheme = null;
        var usedSnapshot = false;
        if (flows || theme)
        {
            var snapshot = await TrySnapshotAsync(cancellationToken).ConfigureAwait(false);
            if (snapshot is { } read)
            {
                liveFlows = read.Flows.ToDictionary(f => f.Key, f => f.Value.Flow, StringComparer.Ordinal);
                parts = read.Flows.ToDictionary(f => f.Key, f => f.Value.Raw, StringComparer.Ordinal);
                liveTheme = read.Theme;
                usedSnapshot = true;
            }
            else
            {
                notes?.Report("Project snapshot export is not available; reading flows one by one.");
                liveFlows = flows ? await ExportEachFlowAsync(cancellationToken).ConfigureAwait(false) : liveFlows;
                liveTheme = theme ? await client.Themes.ExportAsync(cancellationToken).ConfigureAwait(false) : null;
            }
        }

        var liveTenants = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (tenants)
        {
            foreach (var tenant in await client.Tenants.LoadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                liveTenants[tenant.Id] = TenantDocuments.ToDocument(tenant);
            }
        }

        return new LiveSnapshot(liveFlows, liveTheme, liveTenants, usedSnapshot) { FlowParts = parts };
    }

    /// <summary>Every live flow from one project snapshot export, or null when the project refuses to export one.</summary>
    public async Task<IReadOnlyDictionary<string, JsonObject>?> TryReadSnapshotFlowsAsync(CancellationToken cancellationToken) =>
        await TrySnapshotAsync(cancellationToken).ConfigureAwait(false) is { } read
            ? read.Flows.ToDictionary(f => f.Key, f => f.Value.Flow, StringComparer.Ordinal)
            : null;

    /// <summary>
    /// The project snapshot, or null when the project refuses to export one (plan or permission). A 401 is
    /// a wrong key, not a refusal, and is thrown like any other failure.
    /// </summary>
    private async Task<(IReadOnlyDictionary<string, (JsonObject Flow, FlowRawParts Raw)> Flows, JsonObject? Theme)?> TrySnapshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            var files = await client.Projects.ExportSnapshotAsync(cancellationToken).ConfigureAwait(false);
            return (SnapshotFlows.ReadFlows(files), SnapshotFlows.ReadTheme(files));
        }
        catch (DescopeApiException ex) when (ex.StatusCode is 403 or 404 or 400 or 501)
        {
            return null;
        }
    }

    private async Task<IReadOnlyDictionary<string, JsonObject>> ExportEachFlowAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var summary in await client.Flows.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            result[summary.Id] = await client.Flows.ExportAsync(summary.Id, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
