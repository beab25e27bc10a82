using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DescopeMgmt.Cli.Rendering;

public sealed record ErrorBody(string Code, string Message, string? Hint);

public sealed record ErrorDocument(ErrorBody Error);

public sealed record ItemsDocument<T>(IReadOnlyList<T> Items);

public sealed record FlowListItem(string Id, string? Name, string? Description, bool Disabled);

public sealed record ExportedFileItem(string Id, string Path, long Bytes);

public sealed record TenantListItem(string Id, string Name, string? Parent, IReadOnlyList<string> SelfProvisioningDomains, bool Disabled, bool EnforceSSO);

/// <summary>Every JSON document the CLI prints goes through this source-generated context (NativeAOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(ItemsDocument<FlowListItem>))]
[JsonSerializable(typeof(ItemsDocument<ExportedFileItem>))]
[JsonSerializable(typeof(ItemsDocument<TenantListItem>))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
