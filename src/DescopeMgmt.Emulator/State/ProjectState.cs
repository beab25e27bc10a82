using System.Text.Json.Nodes;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// One project's configuration. Flows are stored in the v2 ExportedFlow shape with the server-managed
/// fields <c>metadata.version</c>, <c>metadata.etag</c> and <c>metadata.modifiedTime</c>; tenants with
/// the API's field names. Callers hold <see cref="Sync"/> while reading or changing it.
/// </summary>
internal sealed class ProjectState
{
    public object Sync { get; } = new();

    public SortedDictionary<string, JsonObject> Flows { get; } = new(StringComparer.Ordinal);

    public JsonObject? Theme { get; set; }

    public SortedDictionary<string, JsonObject> Tenants { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Flows.Count == 0 && Theme is null && Tenants.Count == 0;

    public JsonObject ToJson()
    {
        var flows = new JsonObject();
        foreach (var (id, flow) in Flows)
        {
            flows[id] = flow.DeepClone();
        }

        var tenants = new JsonObject();
        foreach (var (id, tenant) in Tenants)
        {
            tenants[id] = tenant.DeepClone();
        }

        return new JsonObject { ["flows"] = flows, ["theme"] = Theme?.DeepClone(), ["tenants"] = tenants };
    }

    /// <summary>Reads a saved state; anything not in the shape <see cref="ToJson"/> writes is a <see cref="FormatException"/>.</summary>
    public static ProjectState FromJson(JsonObject json)
    {
        var state = new ProjectState();
        ReadInto(state.Flows, json, "flows");
        ReadInto(state.Tenants, json, "tenants");
        state.Theme = json["theme"] switch
        {
            null => null,
            JsonObject theme => (JsonObject)theme.DeepClone(),
            _ => throw new FormatException("\"theme\" is not an object"),
        };
        return state;
    }

    private static void ReadInto(SortedDictionary<string, JsonObject> target, JsonObject json, string name)
    {
        var items = json[name] switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            _ => throw new FormatException($"\"{name}\" is not an object"),
        };
        foreach (var (id, item) in items)
        {
            target[id] = item is JsonObject entry ? (JsonObject)entry.DeepClone() : throw new FormatException($"\"{name}.{id}\" is not an object");
        }
    }
}
