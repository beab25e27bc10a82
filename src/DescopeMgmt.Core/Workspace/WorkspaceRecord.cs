using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// What the tool itself last wrote (pull, init --from-live) or applied from each workspace file, as content
/// hashes, so pull can tell a file it may refresh from one holding edits that were never applied.
/// It lives in the workspace, in <c>.descope-mgmt/state.json</c>, with a <c>.gitignore</c> that keeps the
/// folder out of git: it describes this copy of the files (moved, renamed or deleted with them), not the
/// user's machine nor an environment: a file nobody edited since it was written may be refreshed from any
/// environment. A missing or unreadable record means "nothing known", so every differing file counts as
/// edited: the safe side.
/// </summary>
public sealed class WorkspaceRecord
{
    public const string Folder = ".descope-mgmt";
    public const string FileName = "state.json";

    private readonly string _root;
    private readonly Dictionary<string, string> _hashes;

    private WorkspaceRecord(string root, Dictionary<string, string> hashes)
    {
        _root = root;
        _hashes = hashes;
    }

    public static WorkspaceRecord Read(string root)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (JsonNode.Parse(File.ReadAllText(Path.Combine(root, Folder, FileName)))?["files"] is JsonObject files)
            {
                foreach (var (file, hash) in files)
                {
                    if (hash is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        hashes[file] = text;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // Nothing known: pull then treats every differing file as edited, which only asks for --force.
        }

        return new WorkspaceRecord(root, hashes);
    }

    /// <summary>True when <paramref name="text"/> is what the tool last wrote or applied at <paramref name="relativePath"/>.</summary>
    public bool Wrote(string relativePath, string text) =>
        _hashes.TryGetValue(Normalize(relativePath), out var hash) && hash == Hash(text);

    public void Remember(string relativePath, string text) => _hashes[Normalize(relativePath)] = Hash(text);

    /// <summary>Remembers each file as it is on disk now (after an apply made live match it); files that are gone are skipped.</summary>
    public void RememberFromDisk(IEnumerable<string> relativePaths)
    {
        foreach (var relative in relativePaths)
        {
            var (text, failure) = WorkspaceFiles.ReadText(Path.Combine(_root, relative));
            if (failure is null && text is not null)
            {
                Remember(relative, text);
            }
        }
    }

    public void Save()
    {
        var folder = Path.Combine(_root, Folder);
        Directory.CreateDirectory(folder);
        var ignore = Path.Combine(folder, ".gitignore");
        if (!File.Exists(ignore))
        {
            AtomicFile.WriteAllText(ignore, "# Written by descope-mgmt: what it last wrote or applied here; local to this copy.\n*\n", isPrivate: false);
        }

        var files = new JsonObject();
        foreach (var (file, hash) in _hashes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            files[file] = hash;
        }

        AtomicFile.WriteAllText(Path.Combine(folder, FileName), Model.CanonicalJson.Serialize(new JsonObject { ["version"] = 1, ["files"] = files }), isPrivate: false);
    }

    private static string Normalize(string relativePath) => relativePath.Replace('\\', '/');

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
