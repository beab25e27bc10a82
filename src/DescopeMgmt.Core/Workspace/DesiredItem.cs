using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// One item the workspace wants live: its ID, the document apply sends, and where it was written (file
/// and line, for messages). <see cref="Raw"/> is the parsed file where a kind plans from it without
/// building nodes (flows).
/// </summary>
public sealed record DesiredItem(string Id, JsonObject Document, string File, int? Line)
{
    public JsonElement? Raw { get; init; }
}
