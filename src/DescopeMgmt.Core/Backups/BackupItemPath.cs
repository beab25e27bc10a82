using System.Security.Cryptography;
using System.Text;
using DescopeMgmt.Core.Flows;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Where an item lives inside a backup folder (<c>flows/&lt;id&gt;.json</c>, <c>theme.json</c>,
/// <c>tenants/&lt;id&gt;.json</c>), and the check that a manifest path stays inside its folder.
/// </summary>
internal static class BackupItemPath
{
    public static string For(ResourceType type, string id) => Kinds.ResourceKinds.Of(type).BackupPath(FileStem(id));

    /// <summary>
    /// Why an item ID may not be written to or read from a backup, or null. An ID read back becomes a
    /// file name (flow export, workspace files) and is printed: flows follow the flow-ID rule; no kind
    /// may hold control characters or be blank. The writer applies it too, so a backup it writes can
    /// always be read back as the undo of its change.
    /// </summary>
    public static string? IdProblem(string type, string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Any(char.IsControl))
        {
            return "whose ID is blank or holds control characters";
        }

        // A flow's ID is also a workspace file name, so it must pass the file-name rule a pull applies.
        return Kinds.ResourceKinds.Find(type)?.FileNameProblem(id) is { } problem
            ? $"whose ID cannot be a file name ({problem})"
            : null;
    }

    /// <summary>
    /// The full path of a manifest's relative item path, or null when it is absolute or climbs out of
    /// the folder: a hand-edited manifest must not make us read files elsewhere.
    /// </summary>
    public static string? Resolve(string backupDirectory, string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath)
            || Path.IsPathRooted(relativePath)
            || relativePath.Contains('\\', StringComparison.Ordinal)
            || relativePath.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return null;
        }

        var root = Path.GetFullPath(backupDirectory);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    // IDs are usually plain ([A-Za-z0-9_-]); anything else is percent-encoded so it cannot name
    // another folder, and overlong names are hashed to fit file-system limits. The manifest keeps the
    // real ID, so the file name never has to be decoded.
    private static string FileStem(string id)
    {
        var encoded = Uri.EscapeDataString(id);
        if (encoded.StartsWith('.'))
        {
            encoded = "%2E" + encoded[1..];
        }

        if (encoded.Length is 0 or > 150)
        {
            return "id-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];
        }

        return encoded;
    }
}
