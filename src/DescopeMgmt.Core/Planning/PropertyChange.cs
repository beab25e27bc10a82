using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Planning;

public enum ChangeKind
{
    Added,
    Removed,
    Modified,
}

/// <summary>One field that differs, at a JSON path such as <c>contents.tasks["1.end"].next.rules[0].taskId</c>.</summary>
public sealed record PropertyChange(string Path, ChangeKind Kind, JsonNode? Old, JsonNode? New);
