using System.Globalization;
using System.Text;
using System.Text.Json;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Audit;

public sealed record AuditQuery(string? Operation = null, string? Target = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null, bool FailedOnly = false);

public sealed record AuditReadResult(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<string> Warnings);

/// <summary>
/// The append-only audit log, one JSON line per attempted change in a file per UTC day (0600).
/// A line that cannot be read is skipped with a warning, never fatal. Known secrets are redacted
/// before anything is written, as a last line of defence.
/// </summary>
public sealed class AuditLog(string directory, TimeProvider time, IReadOnlyCollection<string> secretsToRedact)
{
    public string Directory => directory;

    public void Append(AuditEntry entry)
    {
        var line = JsonSerializer.Serialize(entry, AuditJsonContext.Default.AuditEntry);
        foreach (var secret in secretsToRedact.Where(s => s.Length > 0))
        {
            line = line.Replace(secret, "(redacted)", StringComparison.Ordinal);
        }

        var day = entry.Time == default ? time.GetUtcNow() : entry.Time.ToUniversalTime();
        AtomicFile.AppendLine(Path.Combine(directory, $"{day:yyyy-MM-dd}.jsonl"), line);
    }

    /// <summary>Entries matching the query, newest first.</summary>
    public AuditReadResult Read(AuditQuery query)
    {
        var entries = new List<AuditEntry>();
        var warnings = new List<string>();
        if (System.IO.Directory.Exists(directory))
        {
            foreach (var file in System.IO.Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal))
            {
                var number = 0;
                foreach (var line in File.ReadLines(file))
                {
                    number++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    try
                    {
                        if (JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditEntry) is { } entry)
                        {
                            entries.Add(entry);
                        }
                    }
                    catch (JsonException)
                    {
                        warnings.Add($"{file}:{number}: skipped an unreadable audit entry");
                    }
                }
            }
        }

        var matching = entries.Where(e =>
                (query.Operation is null || e.Operation.StartsWith(query.Operation, StringComparison.OrdinalIgnoreCase))
                && (query.Target is null || e.Targets.Any(t => t.Contains(query.Target, StringComparison.OrdinalIgnoreCase)))
                && (query.Since is null || e.Time >= query.Since)
                && (query.Until is null || e.Time <= query.Until)
                && (!query.FailedOnly || e.Outcome is not "success"))
            .OrderByDescending(e => e.Time)
            .ToList();
        return new AuditReadResult(matching, warnings);
    }

    public static string ExportJson(IEnumerable<AuditEntry> entries) =>
        JsonSerializer.Serialize(entries.ToList(), AuditJsonContext.Default.ListAuditEntry);

    public static string ExportCsv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder("time,user,host,toolVersion,projectId,environment,operation,targets,outcome,backupIds,rollbackOf,preRollbackBackupId,durationMs,error\n");
        foreach (var e in entries)
        {
            string[] fields =
            [
                e.Time.ToString("O", CultureInfo.InvariantCulture), e.User, e.Host, e.ToolVersion, e.ProjectId, e.Environment ?? "", e.Operation,
                string.Join(' ', e.Targets), e.Outcome, string.Join(' ', e.BackupIds), e.RollbackOf ?? "", e.PreRollbackBackupId ?? "",
                e.DurationMs.ToString(CultureInfo.InvariantCulture), e.Error ?? "",
            ];
            csv.AppendJoin(',', fields.Select(Quote)).Append('\n');
        }

        return csv.ToString();
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
