using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Projects;

public sealed class SnapshotExportRequest
{
    public string? Format { get; set; }
}

/// <summary>
/// <c>{"files": {path: value}}</c>: JSON files are objects, text and images are strings. Kept as raw
/// elements: a plan compares hundreds of large flows and must not build a node tree for each unread.
/// </summary>
public sealed class SnapshotFiles : IWireAnswer
{
    [JsonRequired]
    public Dictionary<string, JsonElement> Files { get; set; } = [];

    string? IWireAnswer.Problem()
    {
        if (Files is null)
        {
            return "'files' is null, not an object";
        }

        foreach (var (path, value) in Files)
        {
            // Keys are relative paths of one file each; a segment that climbs or hides is not one.
            if (path.Split('/').Any(segment => WireIds.PathProblem(segment) is not null))
            {
                return $"files holds the key '{WireIds.Printable(path)}', which is not a plain relative path";
            }

            if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
            {
                return $"files['{path}'] is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not an object or a string";
            }
        }

        return null;
    }
}

public sealed class SnapshotImportRequest
{
    public Dictionary<string, JsonNode?> Files { get; set; } = [];

    public JsonObject? InputSecrets { get; set; }

    public List<string>? Excludes { get; set; }
}

public sealed class SnapshotValidation : IWireAnswer
{
    public bool Ok { get; set; }

    public List<string> Failures { get; set; } = [];

    public JsonObject? MissingSecrets { get; set; }

    string? IWireAnswer.Problem() =>
        Failures is null ? "'failures' is null, not a list"
        : Failures.Contains(null!) ? "'failures' holds a null entry"
        : null;
}

public sealed class LicenseResponse
{
    public string? RateLimitTier { get; set; }
}
