using System.Text.RegularExpressions;

namespace DescopeMgmt.Core.Flows;

/// <summary>Flow IDs become file names, so only safe ones are accepted.</summary>
public static partial class FlowIds
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex SafeId();

    public static bool IsSafe(string id) => SafeId().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal);

    public static string EnsureSafe(string id)
    {
        if (!IsSafe(id))
        {
            throw new UserError("invalid_flow_id", $"'{id}' is not a safe flow ID.",
                "Flow IDs use letters, digits, '-', '_' and '.', start with a letter or digit, and are at most 100 characters.");
        }

        return id;
    }

    public static string FileName(string id) => EnsureSafe(id) + ".json";
}
