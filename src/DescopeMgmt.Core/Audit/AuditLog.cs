using System.Globalization;
using System.Text.Json;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Audit;

/// <summary>
/// The append-only audit log: <c>&lt;home&gt;/audit/YYYY-MM-DD.jsonl</c> (UTC date of the entry), one JSON
/// line per attempted change, files 0600 in a 0700 folder. Reading never fails on a damaged line.
/// </summary>
public sealed class AuditLog
{
    private const string DateFormat = "yyyy-MM-dd";

    private readonly TimeProvider timeProvider;
    private readonly SecretRedactor redactor;

    public AuditLog(string auditDirectory, TimeProvider timeProvider, IReadOnlyCollection<string>? secretsToRedact = null)
    {
        Directory = Path.GetFullPath(auditDirectory);
        this.timeProvider = timeProvider;
        redactor = new SecretRedactor(secretsToRedact ?? []);
    }

    public string Directory { get; }

    /// <summary>
    /// Appends one entry (stamping the current time when it has none), with any known secret replaced by
    /// <c>(redacted)</c>. Throws UserError <c>audit_failed</c> when the log cannot be written.
    /// </summary>
    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Time == default)
        {
            entry = entry with { Time = timeProvider.GetUtcNow() };
        }

        var node = JsonSerializer.SerializeToNode(entry, AuditJsonContext.Default.AuditEntry);
        var line = redactor.Redact(AuditJsonText.Write(redactor.Redact(node), indented: false));
        var path = FileFor(entry.Time);
        try
        {
            AtomicFile.AppendLine(path, line);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError(
                "audit_failed",
                $"Could not write to the audit log {path}: {ex.Message}",
                "Make sure the folder is writable and the disk has free space (DESCOPE_MGMT_HOME moves it).",
                ex);
        }
    }

    /// <summary>Entries matching the query, newest first; unreadable lines become warnings.</summary>
    public AuditReadResult Read(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = new List<AuditEntry>();
        var warnings = new List<string>();
        foreach (var (path, day) in LogFiles())
        {
            // Files are per UTC day, so whole days outside the range need not be read.
            if ((query.Since is { } since && day < since.UtcDateTime.Date)
                || (query.Until is { } until && day > until.UtcDateTime.Date))
            {
                continue;
            }

            try
            {
                ReadFile(path, entries, warnings);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                warnings.Add($"{path}: skipped unreadable file ({ex.Message})");
            }
        }

        var latest = LatestOfEachAttempt(entries).Where(query.Matches).ToList();
        latest.Reverse();
        IEnumerable<AuditEntry> newestFirst = latest.OrderByDescending(e => e.Time);
        if (query.Limit is { } limit)
        {
            newestFirst = newestFirst.Take(limit);
        }

        return new AuditReadResult(newestFirst.ToList(), warnings);
    }

    /// <summary>RFC 4180 CSV with a header row, as <c>audit export --format csv</c> writes it.</summary>
    public static string ExportCsv(IEnumerable<AuditEntry> entries) => AuditCsv.Write(entries);

    public static AuditStats Stats(IEnumerable<AuditEntry> entries) => AuditStats.From(entries);

    private string FileFor(DateTimeOffset time) =>
        Path.Combine(Directory, time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture) + ".jsonl");

    private IEnumerable<(string Path, DateTime Day)> LogFiles()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(Directory, "*.jsonl")
            .Select(path => (path, ok: DateTime.TryParseExact(
                Path.GetFileNameWithoutExtension(path),
                DateFormat,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var day), day))
            .Where(f => f.ok)
            .OrderBy(f => f.day)
            .Select(f => (f.path, f.day.Date));
    }

    /// <summary>A change appends a line when it starts and when it ends; the last line of an attempt is its record.</summary>
    private static List<AuditEntry> LatestOfEachAttempt(List<AuditEntry> lines)
    {
        var result = new List<AuditEntry>(lines.Count);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.Id is { } id && positions.TryGetValue(id, out var at))
            {
                result[at] = line;
                continue;
            }

            if (line.Id is { } newId)
            {
                positions[newId] = result.Count;
            }

            result.Add(line);
        }

        return result;
    }

    private static void ReadFile(string path, List<AuditEntry> entries, List<string> warnings)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            // Another descope-mgmt may be appending right now.
            Share = FileShare.ReadWrite | FileShare.Delete,
        };
        using var reader = new StreamReader(new FileStream(path, options));
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            AuditEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditEntry);
            }
            catch (JsonException)
            {
                entry = null;
            }

            if (entry is null)
            {
                warnings.Add($"{path}:{number}: skipped unreadable entry");
            }
            else
            {
                entries.Add(entry);
            }
        }
    }
}
