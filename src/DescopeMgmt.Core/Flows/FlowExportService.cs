using DescopeMgmt.Api;

namespace DescopeMgmt.Core.Flows;

/// <summary>
/// Exports flows into the workspace file format: <c>flows/&lt;id&gt;.json</c>, canonical v2 JSON without the
/// fields the service manages, byte for byte what `pull` writes.
/// </summary>
public sealed class FlowExportService(DescopeClient client)
{
    /// <summary>Exports each flow to <paramref name="directory"/>; reports after every flow. Stops at the first failure.</summary>
    /// <param name="idSource">Where the IDs came from (the flow list request, the command line), named when one is not a safe file name.</param>
    public async Task<IReadOnlyList<ExportedFlowFile>> ExportAsync(
        IReadOnlyList<string> flowIds,
        string directory,
        IProgress<int>? progress,
        CancellationToken cancellationToken,
        string? idSource = null)
    {
        // IDs may come from the server's flow list (--all): all are checked before any file is written.
        foreach (var id in flowIds)
        {
            FlowIds.EnsureSafe(id, idSource);
        }

        var written = new List<ExportedFlowFile>(flowIds.Count);
        foreach (var id in flowIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var flow = await ExportOneAsync(id, cancellationToken).ConfigureAwait(false);
            var path = Path.Combine(directory, FlowIds.FileName(id));
            var text = Workspace.WorkspaceWriter.JsonText(flow, Kinds.ResourceKinds.Flow);
            Workspace.WorkspaceWriter.Write(path, text);
            written.Add(new ExportedFlowFile(id, path, text.Length));
            progress?.Report(written.Count);
        }

        return written;
    }

    /// <summary>One flow; the service's 500 E103003 for an unknown ID becomes a plain "not found".</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> ExportOneAsync(string flowId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Flows.ExportAsync(flowId, cancellationToken).ConfigureAwait(false);
        }
        catch (DescopeApiException ex) when (ex.IsNotFound)
        {
            throw new UserError("flow_not_found", $"Flow '{flowId}' not found in project {client.ProjectId}.",
                "List the project's flows with `descope-mgmt flow list`.");
        }
    }
}

public sealed record ExportedFlowFile(string FlowId, string Path, long Bytes);
