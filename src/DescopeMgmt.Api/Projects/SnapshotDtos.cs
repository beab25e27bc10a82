using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Api.Projects;

public sealed class SnapshotExportRequest
{
    public string? Format { get; set; }
}

/// <summary>
/// <c>{"files": {path: value}}</c>: JSON files are objects, text and images are strings. Kept as raw
/// elements: a plan compares hundreds of large flows and must not build a node tree for each unread.
/// </summary>
public sealed class SnapshotFiles
{
    public Dictionary<string, JsonElement> Files { get; set; } = [];
}

public sealed class SnapshotImportRequest
{
    public Dictionary<string, JsonNode?> Files { get; set; } = [];

    public JsonObject? InputSecrets { get; set; }

    public List<string>? Excludes { get; set; }
}

public sealed class SnapshotValidation
{
    public bool Ok { get; set; }

    public List<string> Failures { get; set; } = [];

    public JsonObject? MissingSecrets { get; set; }
}

public sealed class LicenseResponse
{
    public string? RateLimitTier { get; set; }
}
