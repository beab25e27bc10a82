using System.Text.Json.Nodes;
using DescopeMgmt.Api;
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
}

/// <summary>
/// Reads the whole live state for a plan at a constant API cost: one project snapshot export for flows
/// and the theme, one load-all for tenants. When the project refuses snapshot export (plan or
/// permission), it falls back to a list plus one export per flow, paced by the client's rate limiter.
/// </summary>
public sealed class LiveSnapshotReader(DescopeClient client)
{
    public async Task<LiveSnapshot> ReadAsync(bool flows, bool theme, bool tenants, IProgress<string>? notes, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, JsonObject> liveFlows = new Dictionary<string, JsonObject>();
        IReadOnlyDictionary<string, FlowRawParts> parts = new Dictionary<string, FlowRawParts>();
        JsonObject? liveTheme = null;
        var usedSnapshot = false;
        if (flows || theme)
        {
            try
            {
                var files = await client.Projects.ExportSnapshotAsync(cancellationToken).ConfigureAwait(false);
                var read = SnapshotFlows.ReadFlows(files);
                liveFlows = read.ToDictionary(f => f.Key, f => f.Value.Flow, StringComparer.Ordinal);
                parts = read.ToDictionary(f => f.Key, f => f.Value.Raw, StringComparer.Ordinal);
                liveTheme = SnapshotFlows.ReadTheme(files);
                usedSnapshot = true;
            }
            catch (DescopeApiException ex) when (ex.StatusCode is 401 or 403 or 404 or 400 or 501)
            {
                notes?.Report($"Project snapshot export is not available ({ex.StatusCode}); reading flows one by one.");
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
