using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Flows;

/// <summary>One entry of <c>flow/list</c>; the service may add more fields, which are kept in <see cref="Extra"/>.</summary>
public sealed class FlowSummary
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool Disabled { get; set; }

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary><c>{"flows":[...],"total":N}</c>; the list is required, so a body without it is never "no flows".</summary>
public sealed class FlowListResponse : IWireAnswer
{
    [JsonRequired]
    public List<FlowSummary> Flows { get; set; } = [];

    public long Total { get; set; }

    string? IWireAnswer.Problem() => WireChecks.Entries("flows", Flows, f => f.Id);
}

public sealed class FlowListRequest
{
    public List<string>? Ids { get; set; }
}

public sealed class FlowIdRequest
{
    public string FlowId { get; set; } = "";
}

public sealed class FlowDeleteRequest
{
    public List<string> Ids { get; set; } = [];
}

/// <summary>v2 export/import wrapper: <c>{"flow": ExportedFlow}</c>. The flow stays an opaque document.</summary>
public sealed class FlowV2Envelope : IWireAnswer
{
    public JsonObject? Flow { get; set; }

    string? IWireAnswer.Problem() => Flow is null ? "it holds no 'flow' object" : null;
}

/// <summary>v1 export shape <c>{"flow":Flow,"screens":[...]}</c>, also the console's export file format.</summary>
public sealed class FlowV1Document : IWireAnswer
{
    public string? FlowId { get; set; }

    public JsonObject? Flow { get; set; }

    public JsonArray? Screens { get; set; }

    string? IWireAnswer.Problem() => Flow is null ? "it holds no 'flow' object" : null;
}
