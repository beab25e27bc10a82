using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Backups;

/// <summary>Checks one item file's bytes against the manifest: checksum first, then that it parses.</summary>
internal static class ItemFileCheck
{
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Returns the problem, or null with the parsed content.</summary>
    public static string? Inspect(BackupManifestItem item, byte[]? bytes, out JsonNode? content)
    {
        content = null;
        if (bytes is null)
        {
            return $"item {Describe(item)}: the file is missing";
        }

        if (bytes.Length == 0)
        {
            return $"item {Describe(item)}: the file is empty or not a regular file";
        }

        if (!string.Equals(Sha256Hex(bytes), item.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return $"item {Describe(item)}: the file does not match its checksum (it was changed or damaged after the backup was written)";
        }

        try
        {
            content = JsonNode.Parse(bytes);
        }
        catch (JsonException ex)
        {
            return $"item {Describe(item)}: the file is not valid JSON ({ex.Message})";
        }

        return content is null ? $"item {Describe(item)}: the file holds no content" : null;
    }

    /// <summary>
    /// Reads an item file (no links followed, regular files only, size capped): null bytes with no
    /// problem when it does not exist, null bytes with the problem when it must not be read.
    /// </summary>
    public static byte[]? TryRead(BackupManifest manifest, string path, out string? problem)
    {
        var bytes = BackupFileReader.Read(manifest.Directory, path, BackupFileReader.ItemCap, out var missing, out problem);
        if (missing)
        {
            problem = null;
        }

        return bytes;
    }

    /// <summary>Reads and checks one item; returns the problem, or null with the parsed content.</summary>
    public static string? Load(BackupManifest manifest, BackupManifestItem item, out JsonNode? content)
    {
        content = null;
        var path = BackupItemPath.Resolve(manifest.Directory, item.Path);
        if (path is null)
        {
            return $"item {Describe(item)}: the path is outside the backup folder";
        }

        try
        {
            var bytes = TryRead(manifest, path, out var problem);
            return problem is not null ? $"item {Describe(item)}: the file {problem}" : Inspect(item, bytes, out content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"item {Describe(item)}: the file cannot be read ({ex.Message})";
        }
    }

    public static string Describe(BackupManifestItem item) => $"{item.Type}:{item.Id} ({item.Path})";
}
