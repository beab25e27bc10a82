using System.Text.Json;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Backups;

/// <summary>Reads and checks a backup folder's <c>manifest.json</c>; the item files are checked on load.</summary>
internal static class BackupManifestReader
{
    public const string FileName = "manifest.json";

    private static readonly HashSet<string> ItemTypes = new(StringComparer.Ordinal)
    {
        ResourceTypeNames.ToWire(ResourceType.Flow),
        ResourceTypeNames.ToWire(ResourceType.Theme),
        ResourceTypeNames.ToWire(ResourceType.Tenant),
    };

    /// <summary>The manifest, or a UserError: backup_not_found when there is none, backup_corrupt when it is bad.</summary>
    public static BackupManifest Read(string directory)
    {
        var full = Path.GetFullPath(directory);
        var manifest = TryRead(full, out var problem, out var missing);
        if (manifest is not null)
        {
            return manifest;
        }

        if (missing)
        {
            throw BackupErrors.NotFound($"'{directory}' is not a backup folder: it has no {FileName}.");
        }

        throw BackupErrors.Corrupt(full, problem!);
    }

    /// <summary>The manifest, or null with the reason (and whether the file simply does not exist).</summary>
    public static BackupManifest? TryRead(string directory, out string? problem, out bool missing)
    {
        missing = false;
        var full = Path.GetFullPath(directory);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path.Combine(full, FileName));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            missing = true;
            problem = $"{FileName} is missing";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{FileName} cannot be read ({ex.Message})";
            return null;
        }

        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, BackupJsonContext.Default.BackupManifest);
        }
        catch (JsonException ex)
        {
            problem = $"{FileName} is not a valid backup manifest ({ex.Message})";
            return null;
        }

        problem = manifest is null ? $"{FileName} is empty" : Check(manifest, full);
        if (problem is not null)
        {
            return null;
        }

        manifest!.Directory = full;
        return manifest;
    }

    private static string? Check(BackupManifest manifest, string directory)
    {
        if (!string.Equals(manifest.Format, BackupManifest.CurrentFormat, StringComparison.Ordinal))
        {
            return $"{FileName} has format '{manifest.Format}', but this version of descope-mgmt reads '{BackupManifest.CurrentFormat}'";
        }

        if (string.IsNullOrWhiteSpace(manifest.Id) || string.IsNullOrWhiteSpace(manifest.ProjectId))
        {
            return $"{FileName} has no backup ID or project ID";
        }

        var seen = new HashSet<(string, string)>();
        foreach (var item in manifest.Items)
        {
            if (item is null || !ItemTypes.Contains(item.Type) || string.IsNullOrEmpty(item.Id))
            {
                return $"{FileName} lists an item without a valid type (flow, theme, tenant) and ID";
            }

            if (BackupItemPath.Resolve(directory, item.Path) is null)
            {
                return $"{FileName} gives item {item.Type}:{item.Id} the path '{item.Path}', which is outside the backup folder";
            }

            if (item.Sha256.Length != 64 || !item.Sha256.All(char.IsAsciiHexDigit))
            {
                return $"{FileName} gives item {item.Type}:{item.Id} an invalid sha256";
            }

            if (!seen.Add((item.Type, item.Id)))
            {
                return $"{FileName} lists item {item.Type}:{item.Id} twice";
            }
        }

        return null;
    }
}
