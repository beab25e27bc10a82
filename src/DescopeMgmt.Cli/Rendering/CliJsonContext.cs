using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Backups;

namespace DescopeMgmt.Cli.Rendering;

public sealed record ErrorBody(string Code, string Message, string? Hint);

public sealed record ErrorDocument(ErrorBody Error);

public sealed record ItemsDocument<T>(IReadOnlyList<T> Items);

public sealed record FlowListItem(string Id, string? Name, string? Description, bool Disabled);

public sealed record ExportedFileItem(string Id, string Path, long Bytes);

public sealed record TenantListItem(string Id, string Name, string? Parent, IReadOnlyList<string> SelfProvisioningDomains, bool Disabled, bool EnforceSSO);

public sealed record PermissionListItem(string Name, string Description, bool BuiltIn);

public sealed record RoleListItem(string Name, string? Tenant, string Description, IReadOnlyList<string> Permissions, bool Default, bool Private, bool BuiltIn);

public sealed record VerifyItem(string Id, bool Ok, IReadOnlyList<string> Problems);

public sealed record DiffItem(string Type, string Id, string Status, IReadOnlyList<DiffProperty> Properties);

public sealed record DiffProperty(string Path, string Kind, JsonNode? Old, JsonNode? New);

public sealed record ProblemItem(string Severity, string File, int? Line, int? Column, string Message);

/// <summary>The report of a change that ran: every item with its result, and an error when it did not all succeed.</summary>
public sealed record ChangeResultDocument(
    string Operation,
    string Outcome,
    string BackupId,
    IReadOnlyList<string> Done,
    IReadOnlyList<ChangeItemDocument> Items,
    string? Undo,
    string? Finish,
    ErrorBody? Error);

public sealed record ChangeItemDocument(string Target, string Action, string Result, string? Error);

public sealed record MessageDocument(string Message, string? Path);

public sealed record PruneDocument(IReadOnlyList<string> Removed, int Kept, bool DryRun);

/// <summary>Every JSON document the CLI prints goes through this source-generated context (NativeAOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    // Plans carry workspace documents, which nest up to 62 levels, inside a few levels of their own.
    MaxDepth = 128,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(ItemsDocument<FlowListItem>))]
[JsonSerializable(typeof(ItemsDocument<ExportedFileItem>))]
[JsonSerializable(typeof(ItemsDocument<TenantListItem>))]
[JsonSerializable(typeof(ItemsDocument<PermissionListItem>))]
[JsonSerializable(typeof(ItemsDocument<RoleListItem>))]
[JsonSerializable(typeof(ItemsDocument<BackupSummary>))]
[JsonSerializable(typeof(BackupSummary))]
[JsonSerializable(typeof(ItemsDocument<VerifyItem>))]
[JsonSerializable(typeof(ItemsDocument<DiffItem>))]
[JsonSerializable(typeof(ItemsDocument<AuditEntry>))]
[JsonSerializable(typeof(RollbackRecordList))]
[JsonSerializable(typeof(AuditStats))]
[JsonSerializable(typeof(PruneDocument))]
[JsonSerializable(typeof(Commands.Completion.CompletionScriptDocument))]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(EnvironmentsPlanDocument))]
[JsonSerializable(typeof(ChangeResultDocument))]
[JsonSerializable(typeof(MessageDocument))]
[JsonSerializable(typeof(ItemsDocument<ProblemItem>))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
