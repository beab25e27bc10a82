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

    public static ProjectState FromJson(JsonObject json)
    {
        var state = new ProjectState();
        foreach (var (id, flow) in json["flows"]?.AsObject() ?? [])
        {
            if (flow is JsonObject f)
            {
                state.Flows[id] = (JsonObject)f.DeepClone();
            }
        }

        state.Theme = json["theme"] is JsonObject theme ? (JsonObject)theme.DeepClone() : null;
        foreach (var (id, tenant) in json["tenants"]?.AsObject() ?? [])
        {
            if (tenant is JsonObject t)
            {
                state.Tenants[id] = (JsonObject)t.DeepClone();
            }
        }

        return state;
    }
}
