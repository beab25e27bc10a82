using System.Globalization;

namespace DescopeMgmt.Core.Backups;

/// <summary>REF resolution of design.md §5.</summary>
internal static class BackupReference
{
    public static BackupManifest Resolve(BackupStore store, string reference, string? projectId)
    {
        var text = reference.Trim();
        if (text.Length == 0)
        {
            throw NotFound(reference);
        }

        if (Directory.Exists(text))
        {
            return BackupStore.ReadManifest(text);
        }

        if (File.Exists(text) && string.Equals(Path.GetFileName(text), "manifest.json", StringComparison.Ordinal))
        {
            return BackupStore.ReadManifest(Path.GetDirectoryName(Path.GetFullPath(text))!);
        }

        var all = store.List(projectId);
        if (string.Equals(text, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return all.FirstOrDefault() ?? throw new UserError("backup_not_found",
                projectId is null ? "There are no backups yet." : $"Project {projectId} has no backups yet.",
                "Backups are taken automatically before every change, or with `descope-mgmt backup create`.");
        }

        var byId = all.Where(m => m.Id.StartsWith(text, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byId.Count == 0 && TryParseTimestamp(text, out var at, out var precision))
        {
            byId = all.Where(m => m.CreatedAt >= at && m.CreatedAt < at + precision).ToList();
        }

        return byId.Count switch
        {
            1 => byId[0],
            0 => throw NotFound(reference),
            _ => throw new UserError("backup_ambiguous",
                $"'{reference}' matches {byId.Count} backups: {string.Join(", ", byId.Select(m => m.Id))}.",
                "Give more characters of the ID, or the full ID."),
        };
    }

    private static bool TryParseTimestamp(string text, out DateTimeOffset at, out TimeSpan precision)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"];
        for (var i = 0; i < formats.Length; i++)
        {
            if (DateTimeOffset.TryParseExact(text, formats[i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
            {
                precision = i < 3 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1);
                return true;
            }
        }

        at = default;
        precision = default;
        return false;
    }

    private static UserError NotFound(string reference) => new("backup_not_found",
        $"No backup matches '{reference}'.",
        "List backups with `descope-mgmt backup list`; a REF is an ID or unique prefix, a timestamp such as 2025-01-15T10:30:00, a folder, a manifest.json, or 'latest'.");
}
