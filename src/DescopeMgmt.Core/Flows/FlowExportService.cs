using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Flows;

/// <summary>Exports flows into the workspace file format: <c>flows/&lt;id&gt;.json</c>, canonical v2 JSON.</summary>
public sealed class FlowExportService(DescopeClient client)
{
    /// <summary>Exports each flow to <paramref name="directory"/>; reports after every flow. Stops at the first failure.</summary>
    public async Task<IReadOnlyList<ExportedFlowFile>> ExportAsync(
        IReadOnlyList<string> flowIds,
        string directory,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        foreach (var id in flowIds)
        {
            FlowIds.EnsureSafe(id);
        }

        var written = new List<ExportedFlowFile>(flowIds.Count);
        foreach (var id in flowIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var flow = await client.Flows.ExportAsync(id, cancellationToken).ConfigureAwait(false);
            var path = Path.Combine(directory, FlowIds.FileName(id));
            var text = CanonicalJson.Serialize(flow);
            AtomicFile.WriteAllText(path, text, isPrivate: false);
            written.Add(new ExportedFlowFile(id, path, text.Length));
            progress?.Report(written.Count);
        }

        return written;
    }
}

public sealed record ExportedFlowFile(string FlowId, string Path, long Bytes);
