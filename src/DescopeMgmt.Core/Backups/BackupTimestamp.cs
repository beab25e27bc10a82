using System.Globalization;

namespace DescopeMgmt.Core.Backups;

/// <summary>
/// The creation time as <c>backup list</c> shows it (UTC, <c>2025-01-15T10:30:00Z</c>, the form every time in
/// text output takes), and the parsing of such a time typed back as a backup reference, to the second or to the minute.
/// </summary>
public static class BackupTimestamp
{
    private static readonly (string Format, TimeSpan Precision)[] Formats =
    [
        ("yyyy-MM-dd'T'HH:mm:ss", TimeSpan.FromSeconds(1)),
        ("yyyy-MM-dd HH:mm:ss", TimeSpan.FromSeconds(1)),
        ("yyyy-MM-dd'T'HH:mm", TimeSpan.FromMinutes(1)),
        ("yyyy-MM-dd HH:mm", TimeSpan.FromMinutes(1)),
    ];

    public static string Format(DateTimeOffset createdAt) =>
        createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a UTC time (a trailing <c>Z</c> is allowed); the match window is [start, start + precision).</summary>
    public static bool TryParse(string text, out DateTimeOffset start, out TimeSpan precision)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('Z') || trimmed.EndsWith('z'))
        {
            trimmed = trimmed[..^1];
        }

        foreach (var (format, formatPrecision) in Formats)
        {
            if (DateTime.TryParseExact(
                trimmed,
                format,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed))
            {
                start = new DateTimeOffset(parsed, TimeSpan.Zero);
                precision = formatPrecision;
                return true;
            }
        }

        start = default;
        precision = default;
        return false;
    }

    public static bool Matches(DateTimeOffset createdAt, DateTimeOffset start, TimeSpan precision) =>
        createdAt >= start && createdAt < start + precision;
}
