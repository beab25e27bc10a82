using System.Text.Json;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Backups;

/// <summary>Reads and checks a backup folder's <c>manifest.json</c>; the item files are checked on load.</summary>
internal static class BackupManifestReader
{
    public const string FileName = "manifest.json";

    private static readonly HashSet<string> ItemTypes = Kinds.ResourceKinds.Backed.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);

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
        var full = Path.GetFullPath(directory);
        byte[]? bytes;
        try
        {
            bytes = BackupFileReader.Read(full, Path.Combine(full, FileName), BackupFileReader.ManifestCap, out missing, out var fileProblem);
            if (bytes is null)
            {
                problem = $"{FileName} {fileProblem}";
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            missing = false;
            problem = $"{FileName} cannot be read ({ex.Message})";
            return null;
        }

        if (bytes.Length == 0)
        {
            problem = $"{FileName} is empty or not a regular file";
            return null;
        }

        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, BackupJsonContext.Default.BackupManifest);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
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

    // The deserializer enforces most of the shape; what it lets through (null list entries, values it
    // cannot judge) is checked here, so every later reader may trust the manifest.
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

        if (manifest.Host is { } host && (host.Length == 0 || host.Any(char.IsControl)))
        {
            return $"{FileName} has an invalid host";
        }

        if (manifest.Items is null)
        {
            return $"{FileName} has no item list";
        }

        foreach (var kind in manifest.Kinds ?? [])
        {
            if (kind is null || !ItemTypes.Contains(kind))
            {
                return $"{FileName} lists a kind that is not one of {string.Join(", ", Kinds.ResourceKinds.Backed.Select(k => k.Name))}";
            }
        }

        var seen = new HashSet<(string, string)>();
        foreach (var item in manifest.Items)
        {
            if (item?.Type is null || item.Id is null || item.Path is null || item.Sha256 is null || !ItemTypes.Contains(item.Type))
            {
                return $"{FileName} lists an item without a valid type ({string.Join(", ", Kinds.ResourceKinds.Backed.Select(k => k.Name))}), ID, path and sha256";
            }

            if (BackupItemPath.IdProblem(item.Type, item.Id) is { } idProblem)
            {
                return $"{FileName} lists item {item.Type} '{Printable(item.Id)}', {idProblem}";
            }

            if (BackupItemPath.Resolve(directory, item.Path) is null)
            {
                return $"{FileName} gives item {item.Type}:{item.Id} the path '{Printable(item.Path)}', which is outside the backup folder";
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

        foreach (var absent in manifest.Absent ?? [])
        {
            if (absent?.Type is null || absent.Id is null || !ItemTypes.Contains(absent.Type))
            {
                return $"{FileName} lists an absent item without a valid type ({string.Join(", ", Kinds.ResourceKinds.Backed.Select(k => k.Name))}) and ID";
            }

            if (BackupItemPath.IdProblem(absent.Type, absent.Id) is { } idProblem)
            {
                return $"{FileName} lists absent item {absent.Type} '{Printable(absent.Id)}', {idProblem}";
            }

            // A restore would write such an item and then delete it.
            if (seen.Contains((absent.Type, absent.Id)))
            {
                return $"{FileName} records {absent.Type}:{absent.Id} both as held and as absent";
            }
        }

        return null;
    }

    private static string Printable(string text) =>
        new([.. text.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
}
