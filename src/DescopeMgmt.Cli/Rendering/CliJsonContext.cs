using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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

/// <summary>
/// The result of every changing command, whatever became of it: the outcome (success, partial, failed,
/// interrupted, may-have-changed, dry-run, no-changes), every item with its result, the backup taken first,
/// the commands that undo and finish it, a message for the outcomes that changed nothing, and the error
/// when it did not all succeed.
/// </summary>
public sealed record ChangeResultDocument(
    string Operation,
    string Outcome,
    string? BackupId,
    IReadOnlyList<string> Done,
    IReadOnlyList<ChangeItemDocument> Items,
    string? Undo,
    string? Finish,
    ErrorBody? Error)
{
    /// <summary>What the outcome means in a sentence, for those that changed nothing (no changes, dry run).</summary>
    public string? Message { get; init; }
}

public sealed record ChangeItemDocument(string Target, string Action, string Result, string? Error);

/// <summary>The result of a command whose result is a file it wrote (init, theme export -o): what it did and where.</summary>
public sealed record MessageDocument(string Message, string? Path);

/// <summary><c>--version --output json</c>; commit is null in a build made without git.</summary>
public sealed record VersionDocument(string Name, string Version, string? Commit);

/// <summary>What <c>emulator serve --output json</c> prints once it listens; the server then runs until stopped.</summary>
public sealed record EmulatorDocument(string BaseUrl, string? SampleProjectId);

public sealed record PruneDocument(IReadOnlyList<string> Removed, int Kept, bool DryRun);

/// <summary>
/// Every JSON document the CLI prints goes through this source-generated context (NativeAOT), and is
/// written by <see cref="Write{T}"/>. Instants print as UTC ending in Z; Core records whose stored
/// field names predate the output vocabulary (audit entries, rollback records) print through
/// converters that speak it, while their files keep the names old files have.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    // Plans carry workspace documents, which nest up to 62 levels, inside a few levels of their own.
    MaxDepth = 128,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true,
    Converters = [typeof(UtcTimestampJsonConverter), typeof(AuditEntryOutputConverter), typeof(RollbackRecordOutputConverter)])]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(VersionDocument))]
[JsonSerializable(typeof(EmulatorDocument))]
[JsonSerializable(typeof(AuditEntryDocument))]
[JsonSerializable(typeof(RollbackRecordDocument))]
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
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    // Texts hold quotes, apostrophes, backticks, HTML and non-ASCII names: print them as they are. Still
    // valid JSON (control characters and quotes inside strings stay escaped); nothing reads it as HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A value as compact JSON inside text output (diffs, grids), readable like the documents.</summary>
    public static string Compact(JsonNode node) => node.ToJsonString(CompactOptions);

    /// <summary>The text of one JSON document as the CLI prints and writes it, without a trailing newline.</summary>
    public static string Write<T>(T value, JsonTypeInfo<T> jsonType)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, jsonType);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
