using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DescopeMgmt.Core.Audit;

namespace DescopeMgmt.Cli.Rendering;

/// <summary>
/// An audit entry as the CLI prints it (audit list, audit export): the output vocabulary, where the log
/// file keeps its own names (<c>time</c>, <c>backupIds</c>, <c>preRollbackBackupId</c>) so old files still read.
/// </summary>
public sealed record AuditEntryDocument(
    string? Id,
    DateTimeOffset CreatedAt,
    string User,
    string Host,
    string? TargetHost,
    string ToolVersion,
    string? ProjectId,
    string? Environment,
    string Operation,
    IReadOnlyList<string> Targets,
    IReadOnlyList<AuditItem>? Items,
    string Outcome,
    string? BackupId,
    string? RollbackOf,
    long DurationMs,
    string? Error,
    IReadOnlyDictionary<string, string>? Details)
{
    // A change takes one backup before it writes; that backup is also the one a rollback's undo restores,
    // which the log records a second time as preRollbackBackupId.
    public static AuditEntryDocument From(AuditEntry e) => new(
        e.Id, e.Time, e.User, e.Host, e.TargetHost, e.ToolVersion, e.ProjectId, e.Environment, e.Operation, e.Targets, e.Items,
        e.Outcome, e.BackupIds.Count > 0 ? e.BackupIds[0] : e.PreRollbackBackupId, e.RollbackOf, e.DurationMs, e.Error, e.Details);
}

/// <summary>A past rollback or restore as <c>rollback history</c> prints it, in the same names as an audit entry.</summary>
public sealed record RollbackRecordDocument(
    DateTimeOffset CreatedAt,
    string User,
    string Operation,
    string? ProjectId,
    string? Environment,
    IReadOnlyList<string> Targets,
    string? RollbackOf,
    string? BackupId,
    string Outcome,
    string? Error)
{
    public static RollbackRecordDocument From(RollbackRecord r) =>
        new(r.When, r.User, r.Operation, r.ProjectId, r.Environment, r.Targets, r.FromBackupId, r.PreRollbackBackupId, r.Outcome, r.Error);
}

/// <summary>Prints an <see cref="AuditEntry"/> as an <see cref="AuditEntryDocument"/>; output only.</summary>
internal sealed class AuditEntryOutputConverter : JsonConverter<AuditEntry>
{
    public override AuditEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The CLI's JSON context only prints audit entries; the audit log reads them.");

    public override void Write(Utf8JsonWriter writer, AuditEntry value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, AuditEntryDocument.From(value), (JsonTypeInfo<AuditEntryDocument>)options.GetTypeInfo(typeof(AuditEntryDocument)));
}

/// <summary>Prints a <see cref="RollbackRecord"/> as a <see cref="RollbackRecordDocument"/>; output only.</summary>
internal sealed class RollbackRecordOutputConverter : JsonConverter<RollbackRecord>
{
    public override RollbackRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The CLI's JSON context only prints rollback records.");

    public override void Write(Utf8JsonWriter writer, RollbackRecord value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, RollbackRecordDocument.From(value), (JsonTypeInfo<RollbackRecordDocument>)options.GetTypeInfo(typeof(RollbackRecordDocument)));
}
