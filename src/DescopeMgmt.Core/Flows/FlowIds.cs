using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Flows;

/// <summary>Flow IDs become file names (<c>flows/&lt;id&gt;.json</c>), so they follow <see cref="ItemIds"/>.</summary>
public static class FlowIds
{
    public static bool IsSafe(string id) => ItemIds.IsSafe(id);

    /// <param name="source">Where the ID came from (a request path, a file), named in the error.</param>
    public static string EnsureSafe(string id, string? source = null) => ItemIds.EnsureSafe(id, "flow", source);

    public static string FileName(string id, string? source = null) => EnsureSafe(id, source) + ".json";
}
