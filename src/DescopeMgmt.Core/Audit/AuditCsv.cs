using System.Globalization;
using System.Text;

namespace DescopeMgmt.Core.Audit;

/// <summary>
/// <c>audit export --format csv</c>: RFC 4180 (CRLF rows, fields with commas, quotes or line breaks
/// quoted, quotes doubled). Lists are joined with spaces, details as <c>key=value</c> pairs.
/// </summary>
internal static class AuditCsv
{
    private static readonly string[] Header =
    [
        "createdAt", "user", "host", "toolVersion", "projectId", "environment", "operation", "targets", "outcome",
        "backupId", "rollbackOf", "durationMs", "error", "details",
    ];

    public static string Write(IEnumerable<AuditEntry> entries)
    {
        var text = new StringBuilder();
        AppendRow(text, Header);
        foreach (var e in entries)
        {
            AppendRow(text,
            [
                e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                e.User,
                e.Host,
                e.ToolVersion,
                e.ProjectId,
                e.Environment,
                e.Operation,
                string.Join(' ', e.Targets),
                e.Outcome,
                // The names of the CLI's JSON output: a change takes one backup, which also undoes a rollback.
                e.BackupIds.Count > 0 ? e.BackupIds[0] : e.PreRollbackBackupId,
                e.RollbackOf,
                e.DurationMs.ToString(CultureInfo.InvariantCulture),
                e.Error,
                e.Details is null ? null : string.Join("; ", e.Details.Select(d => $"{d.Key}={d.Value}")),
            ]);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(Quote(fields[i] ?? ""));
        }

        text.Append("\r\n");
    }

    internal static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
