using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Kinds;

/// <summary>Flows: v2 export documents; import creates or replaces; read many through one project snapshot.</summary>
public sealed class FlowKind : ResourceKind
{
    public override ResourceType Type => ResourceType.Flow;

    public override string Name => "flow";

    public override string KindsName => "flows";

    public override int Order => 1;

    public override DiffOptions Diff { get; } = new(
        new HashSet<string>(StringComparer.Ordinal) { "etag", "version", "modifiedTime", "metadata.etag", "metadata.version", "metadata.modifiedTime" },
        ZeroValuesAreAbsent: false);

    public override string BackupPath(string fileStem) => $"flows/{fileStem}.json";

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Flows.ExportAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (DescopeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadManyAsync(DescopeClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count < 2)
        {
            return await base.ReadManyAsync(client, ids, cancellationToken).ConfigureAwait(false);
        }

        // One snapshot export for all of them; where the project refuses snapshots, one export per flow.
        if (await new LiveSnapshotReader(client).TryReadSnapshotFlowsAsync(cancellationToken).ConfigureAwait(false) is not { } flows)
        {
            return await base.ReadManyAsync(client, ids, cancellationToken).ConfigureAwait(false);
        }

        return ids.Where(flows.ContainsKey).ToDictionary(id => id, id => flows[id], StringComparer.Ordinal);
    }

    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken) =>
        client.Flows.ImportAsync(id, desired, cancellationToken);

    public override Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken) =>
        client.Flows.DeleteAsync([id], cancellationToken);
}
