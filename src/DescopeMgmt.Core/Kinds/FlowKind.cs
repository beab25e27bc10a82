using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Kinds;

/// <summary>
/// Flows: v2 export documents, one workspace file each (<c>flows/&lt;id&gt;.json</c>); import creates or
/// replaces; read whole through one project snapshot; sub-flows are written before the flows that call them.
/// </summary>
public sealed class FlowKind : ResourceKind
{
    public const string Folder = "flows";

    public override ResourceType Type => ResourceType.Flow;

    public override string Name => "flow";

    public override string KindsName => "flows";

    public override int Order => 1;

    public override string WorkspaceFile => Folder + "/";

    public override DiffOptions Diff { get; } = new(
        new HashSet<string>(StringComparer.Ordinal) { "etag", "version", "modifiedTime", "metadata.etag", "metadata.version", "metadata.modifiedTime" },
        ZeroValuesAreAbsent: false);

    public override string BackupPath(string fileStem) => $"flows/{fileStem}.json";

    /// <summary>The workspace path of a flow's file; throws for an ID that is not a safe file name.</summary>
    public static string FilePath(string root, string flowId) => Path.Combine(root, Folder, Flows.FlowIds.FileName(flowId));

    public override string? FileNameProblem(string id) => ItemIds.Problem(id);

    public override bool Manages(ManageConfig manage, string id) => manage.ManagesFlow(id);

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
        if (await new LiveReadContext(client, null).ProjectSnapshotAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return await base.ReadManyAsync(client, ids, cancellationToken).ConfigureAwait(false);
        }

        return ids.Where(snapshot.Flows.ContainsKey).ToDictionary(id => id, id => snapshot.Flows[id].Flow, StringComparer.Ordinal);
    }

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken)
    {
        if (await context.ProjectSnapshotAsync(cancellationToken).ConfigureAwait(false) is { } snapshot)
        {
            context.FlowParts = snapshot.Flows.ToDictionary(f => f.Key, f => f.Value.Raw, StringComparer.Ordinal);
            return snapshot.Flows.ToDictionary(f => f.Key, f => f.Value.Flow, StringComparer.Ordinal);
        }

        context.Notes?.Report("Project snapshot export is not available; reading flows one by one.");
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var summary in await context.Client.Flows.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            result[summary.Id] = await context.Client.Flows.ExportAsync(summary.Id, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken) =>
        client.Flows.ImportAsync(id, desired, cancellationToken);

    public override Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken) =>
        client.Flows.DeleteAsync([id], cancellationToken);

    public override IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source)
    {
        var flows = new Dictionary<string, DesiredItem>(StringComparer.Ordinal);
        var folder = Path.Combine(source.Root, Folder);
        if (File.Exists(folder))
        {
            source.Problems.Add(WorkspaceProblem.Error(Folder, null, null, "is a file; flows/ must be a folder holding one <flowId>.json per flow"));
            return flows;
        }

        // Flows have no list file: a workspace without flows/ holds none, and lists them all as unmanaged or deleted only by manage: and deleteMissing.
        if (!Directory.Exists(folder))
        {
            return flows;
        }

        var reader = new CompactJsonReader();
        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = WorkspaceLayout.Relative(source.Root, path);
            var id = Path.GetFileNameWithoutExtension(path);
            if (ParseFile(source, path, file, reader) is { } raw)
            {
                FlowRules.Check(id, raw, file, source.Problems);
                flows[id] = new DesiredItem(id, JsonObject.Create(raw) ?? [], file, null) { Raw = raw };
            }
        }

        return flows;
    }

    /// <summary>The flow file's object, or null with the problem recorded (a file holding null, a list or a number is not "no flow").</summary>
    internal static JsonElement? ParseFile(WorkspaceSource source, string path, string file, CompactJsonReader reader)
    {
        if (source.ReadJson(path, file, reader) is not { } flow)
        {
            return null;
        }

        if (flow.ValueKind != JsonValueKind.Object)
        {
            source.Problems.Add(WorkspaceProblem.Error(file, 1, 1, $"holds {JsonKinds.Describe(flow.ValueKind)}, not a flow: a flow file is one JSON object (flowId, metadata, contents, screens)"));
            return null;
        }

        return flow;
    }

    public override IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from)
    {
        var source = from.UsedProjectSnapshot ? "POST /v1/mgmt/project/snapshot/export" : "POST /v1/mgmt/flow/list";
        // The server chooses flow IDs and each becomes a file name: every one is checked before any file
        // is written, so a hostile or odd ID ('../x', 'CON') stops the pull with nothing written.
        foreach (var id in live.Keys)
        {
            Flows.FlowIds.EnsureSafe(id, source);
        }

        // On Windows and macOS file names ignore case: two such flows would overwrite one file.
        if (live.Keys.Order(StringComparer.Ordinal).GroupBy(id => id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new UserError("flow_id_clash", $"Flows {string.Join(" and ", clash.Select(id => $"'{id}'"))} (from {source}) differ only in case, so they would share one file on Windows and macOS.",
                "Rename one of them in Descope, or leave them unmanaged (manage.flows in descope.yaml).");
        }

        return live.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new WorkspaceFileText($"{Folder}/{Flows.FlowIds.FileName(f.Key)}", WorkspaceWriter.JsonText(f.Value, this), [f.Key]))
            .ToList();
    }

    public override IEnumerable<string> FilesNotLive(string root, IReadOnlyDictionary<string, JsonObject> live, ManageConfig manage)
    {
        var folder = Path.Combine(root, Folder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json")
                .Where(f => manage.ManagesFlow(Path.GetFileNameWithoutExtension(f)) && !live.ContainsKey(Path.GetFileNameWithoutExtension(f)))
                .Select(f => WorkspaceLayout.Relative(root, f))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
    }

    public override IReadOnlyList<string> PlanOrder(IReadOnlyDictionary<string, DesiredItem> desired) =>
        Planner.TopologicalOrder(desired.ToDictionary(
            f => f.Key,
            f => (f.Value.Raw is { } raw ? SubFlowCalls(raw) : []).Where(desired.ContainsKey).ToList(),
            StringComparer.Ordinal));

    public override Func<string, bool?>? SameTopLevel(DesiredItem desired, LiveSnapshot live) =>
        desired.Raw is { } raw ? ElementEquality.ForFlow(live.FlowParts.GetValueOrDefault(desired.Id), raw) : null;

    /// <summary>
    /// The IDs in <c>contents.tasks.*.arguments.flowId</c>, plain or wrapped as <c>{type, value}</c>. Read
    /// from the parsed file, not the nodes: walking every task through nodes would expand hundreds of flows into trees.
    /// </summary>
    private static IEnumerable<string> SubFlowCalls(JsonElement flow)
    {
        if (!flow.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Object
            || !contents.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var task in tasks.EnumerateObject())
        {
            if (task.Value.ValueKind == JsonValueKind.Object && task.Value.TryGetProperty("arguments", out var arguments)
                && arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty("flowId", out var flowId))
            {
                var value = flowId.ValueKind == JsonValueKind.Object && flowId.TryGetProperty("value", out var wrapped) ? wrapped : flowId;
                if (value.ValueKind == JsonValueKind.String)
                {
                    yield return value.GetString()!;
                }
            }
        }
    }
}
