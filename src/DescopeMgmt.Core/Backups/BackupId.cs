using System.Globalization;
using System.Security.Cryptography;

namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Backup IDs such as <c>20250115T103000Z-3f9a2c</c>: the UTC creation second sorts them and people can
/// read them; six random hex digits keep two backups of the same second apart.
/// </summary>
public static class BackupId
{
    private const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const int TimestampLength = 16;

    public static string New(DateTimeOffset createdAt) =>
        $"{createdAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";

    /// <summary>Reads the creation time from the start of an ID (or of a name that starts with one).</summary>
    public static bool TryGetTimestamp(string idOrName, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (idOrName.Length < TimestampLength)
        {
            return false;
        }

        if (!DateTime.TryParseExact(
            idOrName.AsSpan(0, TimestampLength),
            TimestampFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var parsed))
        {
            return false;
        }

        timestamp = new DateTimeOffset(parsed, TimeSpan.Zero);
        return true;
    }
}
