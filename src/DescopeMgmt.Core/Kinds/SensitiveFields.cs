using System.Text.Json.Nodes;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Kinds;

/// <summary>
/// The fields a kind marks sensitive (<see cref="ResourceKind.SensitivePaths"/>, an OIDC client secret): the service
/// takes them and never returns them. A file may hold one only as a <c>${NAME}</c> placeholder; a plan compares
/// without them (a difference it cannot see is never shown), shows and saves them as <see cref="Shown"/>, and keeps
/// the real value only in <see cref="ResourceChange.Write"/>, the document apply sends. A saved plan therefore holds
/// none: <c>apply PLANFILE</c> takes them again from the workspace, whose fingerprint (over a slow derivation of the
/// real value, never the value: <see cref="ForFingerprint"/>) proves it unchanged since the plan.
/// </summary>
public static class SensitiveFields
{
    /// <summary>What stands in for a sensitive value wherever a document is shown or stored.</summary>
    public const string Shown = "(sensitive)";

    /// <summary>The sensitive values <paramref name="document"/> holds, by path (none for a live document: reads never return them).</summary>
    public static IEnumerable<(string Path, string Value)> Values(ResourceKind kind, JsonObject document)
    {
        foreach (var path in kind.SensitivePaths)
        {
            if (Find(document, path) is (JsonObject, JsonValue value) && value.TryGetValue<string>(out var text) && text.Length > 0 && text != Shown)
            {
                yield return (path, text);
            }
        }
    }

    /// <summary><paramref name="document"/> with each sensitive value replaced by <see cref="Shown"/>; the same instance when it holds none.</summary>
    public static JsonObject Mask(ResourceKind kind, JsonObject document)
    {
        var paths = Values(kind, document).Select(v => v.Path).ToList();
        if (paths.Count == 0)
        {
            return document;
        }

        var masked = document.DeepClone().AsObject();
        foreach (var path in paths)
        {
            var (parent, _) = Find(masked, path);
            parent![path[(path.LastIndexOf('.') + 1)..]] = Shown;
        }

        return masked;
    }

    /// <summary>
    /// What a plan's fingerprint hashes for a workspace item: the masked document with each sensitive value replaced
    /// by a slow, salted derivation of it (PBKDF2-SHA256, 100,000 rounds), so a changed secret makes a saved plan stale
    /// while the plan file, which carries the fingerprints, offers nothing quicker than that to guess a short secret.
    /// </summary>
    public static JsonObject ForFingerprint(ResourceKind kind, JsonObject document)
    {
        var values = Values(kind, document).ToList();
        if (values.Count == 0)
        {
            return document;
        }

        var result = Mask(kind, document);
        foreach (var (path, value) in values)
        {
            var salt = System.Text.Encoding.UTF8.GetBytes($"descope-mgmt plan fingerprint {kind.Name} {path}");
            var derived = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(value, salt, 100_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
            var (parent, _) = Find(result, path);
            parent![Leaf(path)] = $"{Shown} {Convert.ToHexStringLower(derived)}";
        }

        return result;
    }

    /// <summary>
    /// The change as a plan holds it: its desired document masked, the real one kept as <see cref="ResourceChange.Write"/>,
    /// and for an update each sensitive value that will be sent listed as a field shown <see cref="Shown"/> (whether it
    /// differs from the service's cannot be known, so it never makes an update on its own).
    /// </summary>
    public static ResourceChange Hide(ResourceKind kind, ResourceChange change)
    {
        if (change.Desired is not { } desired || !Values(kind, desired).Any())
        {
            return change;
        }

        var properties = change.Action == ChangeAction.Update
            ? change.Properties.Concat(Values(kind, desired).Select(v => new PropertyChange(v.Path, ChangeKind.Added, null, JsonValue.Create(Shown))))
                .OrderBy(p => p.Path, StringComparer.Ordinal).ToList()
            : change.Properties;
        return change with { Desired = Mask(kind, desired), Properties = properties, Write = desired };
    }

    /// <summary>
    /// A saved plan's changes with the documents to send taken from <paramref name="fresh"/>, the plan made again from
    /// the same (fingerprinted) inputs: the file never held the sensitive values those carry.
    /// </summary>
    public static Plan WithWrites(Plan saved, Plan fresh)
    {
        var writes = fresh.Changes.Where(c => c.Write is not null).ToDictionary(c => c.Key, c => c.Write);
        return writes.Count == 0 ? saved : saved with { Changes = saved.Changes.Select(c => writes.TryGetValue(c.Key, out var write) ? c with { Write = write } : c).ToList() };
    }

    /// <summary>
    /// Checks that each sensitive field of <paramref name="entry"/> was written as exactly one <c>${NAME}</c>
    /// (<see cref="WorkspaceSource.IsPlaceholder"/>): a literal secret committed to git is an error at its line. The value is never repeated.
    /// </summary>
    public static void CheckPlaceholders(ResourceKind kind, YamlMappingNode entry, string file, string what, WorkspaceSource source)
    {
        var problems = source.Problems;
        foreach (var path in kind.SensitivePaths)
        {
            YamlNode? node = entry;
            foreach (var segment in path.Split('.'))
            {
                node = node is YamlMappingNode map ? map.Children.FirstOrDefault(p => YamlNodes.Scalar(p.Key) == segment).Value : null;
            }

            if (node is null || YamlNodes.IsNull(node))
            {
                continue;
            }

            if (node is not YamlScalarNode || !source.IsPlaceholder(node))
            {
                problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(node), YamlNodes.Column(node),
                    $"{what}: {path} is written as a literal value; a secret never goes into a workspace file: write {Leaf(path)}: ${{NAME}} " +
                    $"and set NAME in the environment's vars or as the process variable {TemplateValues.ProcessPrefix}NAME (omit it to keep the secret the service has)"));
            }
        }
    }

    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static (JsonObject? Parent, JsonNode? Value) Find(JsonObject document, string path)
    {
        var segments = path.Split('.');
        JsonObject? parent = document;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            parent = parent?[segments[i]] as JsonObject;
        }

        return (parent, parent?[segments[^1]]);
    }
}
