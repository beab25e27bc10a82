using System.Text.Json.Nodes;
using DescopeMgmt.Core.Flows;

namespace DescopeMgmt.Core.Workspace;

/// <summary>What makes a workspace flow file importable (issue 5 §3).</summary>
internal static class FlowRules
{
    public static void Check(string fileId, JsonObject flow, string file, List<WorkspaceProblem> problems)
    {
        if (flow.ContainsKey("errorCode"))
        {
            problems.Add(WorkspaceProblem.Error(file, 1, 1, $"this file holds a Descope API error response ({flow["errorCode"]}), not a flow; export the flow again"));
            return;
        }

        if (FlowFormats.IsV1(flow))
        {
            problems.Add(WorkspaceProblem.Error(file, 1, 1, "this is a v1 {flow, screens} export; workspace files use the v2 shape: convert it with `descope-mgmt flow import FILE --dry-run` then `pull`"));
            return;
        }

        if (!FlowIds.IsSafe(fileId))
        {
            problems.Add(WorkspaceProblem.Error(file, null, null, $"'{fileId}' is not a safe flow ID (letters, digits, '-', '_', '.')"));
        }

        var flowId = flow["flowId"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
        if (flowId != fileId)
        {
            problems.Add(WorkspaceProblem.Error(file, null, null, $"flowId '{flowId}' does not match the file name '{fileId}.json'"));
        }

        var tasks = flow["contents"]?["tasks"] as JsonObject;
        var startTask = flow["contents"]?["startTask"] is JsonValue s && s.TryGetValue<string>(out var start) ? start : null;
        if (tasks is null)
        {
            problems.Add(WorkspaceProblem.Error(file, null, null, "contents.tasks is missing"));
            return;
        }

        if (startTask is null || !tasks.ContainsKey(startTask))
        {
            problems.Add(WorkspaceProblem.Error(file, null, null, $"contents.startTask '{startTask}' is not a task in contents.tasks"));
        }

        var screens = (flow["screens"] as JsonArray ?? [])
            .Select(n => n?["screenId"] is JsonValue sv && sv.TryGetValue<string>(out var sid) ? sid : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (taskId, task) in tasks)
        {
            if (task?["screenId"] is JsonValue sv && sv.TryGetValue<string>(out var screenId) && !screens.Contains(screenId))
            {
                problems.Add(WorkspaceProblem.Error(file, null, null, $"task '{taskId}' shows screen '{screenId}', which is not in screens"));
            }
        }
    }
}
