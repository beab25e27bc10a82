using System.Text.Json;
using DescopeMgmt.Core.Flows;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// What makes a workspace flow file importable. Checked on the parsed file itself, so a
/// workspace of hundreds of large flows is validated without building a node tree for each.
/// </summary>
internal static class FlowRules
{
    public static void Check(string fileId, JsonElement flow, string file, List<WorkspaceProblem> problems)
    {
        if (flow.TryGetProperty("errorCode", out var errorCode))
        {
            problems.Add(WorkspaceProblem.Error(file, 1, 1, $"this file holds a Descope API error response ({errorCode}), not a flow; export the flow again"));
            return;
        }

        if (flow.TryGetProperty("flow", out var v1) && v1.ValueKind == JsonValueKind.Object && v1.TryGetProperty("dsl", out _))
        {
            problems.Add(WorkspaceProblem.Error(file, 1, 1, "this is a v1 {flow, screens} export; workspace files use the v2 shape: convert it with `descope-mgmt flow import FILE --dry-run` then `pull`"));
            return;
        }

        if (Model.ItemIds.Problem(fileId) is { } unsafeId)
        {
            problems.Add(WorkspaceProblem.Error(file, null, null, $"'{Model.ItemIds.Printable(fileId)}' is not a safe flow ID: {unsafeId}"));
        }

        var flowId = String(flow, "flowId");
        if (flowId != fileId)
        {
            problems.Add(WorkspaceProblem.Error(file, null, null, $"flowId '{flowId}' does not match the file name '{fileId}.json'"));
        }

        if (!flow.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Object
            || !contents.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Object)
        {
            problems.Add(WorkspaceProblem.Error(file, null, null, "contents.tasks is missing"));
            return;
        }

        var startTask = String(contents, "startTask");
        if (startTask is null || !tasks.TryGetProperty(startTask, out _))
        {
            problems.Add(WorkspaceProblem.Error(file, null, null, $"contents.startTask '{startTask}' is not a task in contents.tasks"));
        }

        var screens = new HashSet<string>(StringComparer.Ordinal);
        if (flow.TryGetProperty("screens", out var screenArray) && screenArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var screen in screenArray.EnumerateArray())
            {
                if (String(screen, "screenId") is { } id)
                {
                    screens.Add(id);
                }
            }
        }

        foreach (var task in tasks.EnumerateObject())
        {
            if (String(task.Value, "screenId") is { } screenId && !screens.Contains(screenId))
            {
                problems.Add(WorkspaceProblem.Error(file, null, null, $"task '{task.Name}' shows screen '{screenId}', which is not in screens"));
            }
        }
    }

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
