using System.Text.Json.Serialization;

namespace DescopeMgmt.Core.Audit;

/// <summary>One attempted change to live state: one line of <c>audit/YYYY-MM-DD.jsonl</c>. Never holds a secret.</summary>
public sealed class AuditEntry
{
    public DateTimeOffset Time { get; set; }

    public string User { get; set; } = "";

    public string Host { get; set; } = "";

    public string ToolVersion { get; set; } = "";

    public string ProjectId { get; set; } = "";

    public string? Environment { get; set; }

    public string Operation { get; set; } = "";

    public List<string> Targets { get; set; } = [];

    /// <summary>success, partial, failed or interrupted.</summary>
    public string Outcome { get; set; } = "";

    public List<string> BackupIds { get; set; } = [];

    /// <summary>For rollbacks and restores: the backup (or file) restored from.</summary>
    public string? RollbackOf { get; set; }

    /// <summary>For rollbacks and restores: the backup of what was overwritten, to undo the rollback.</summary>
    public string? PreRollbackBackupId { get; set; }

    public long DurationMs { get; set; }

    public string? Error { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(List<AuditEntry>))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
