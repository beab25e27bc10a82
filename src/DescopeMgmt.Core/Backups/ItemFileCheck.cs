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

    /// <summary>Reads an item file, or null when it does not exist.</summary>
    public static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public static async Task<byte[]?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public static string Describe(BackupManifestItem item) => $"{item.Type}:{item.Id} ({item.Path})";
}
