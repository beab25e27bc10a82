using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Planning;

/// <summary>The SHA-256 of one document a plan was made from: a live item read, or a workspace item.</summary>
public sealed record ItemFingerprint(string Type, string Id, string Sha256)
{
    /// <summary>The workspace file that holds the item (workspace items only), for messages.</summary>
    public string? File { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => $"{Type}:{Id}";
}

/// <summary>
/// What a plan was made from, as fingerprints: every live item read, every workspace item of the kinds
/// planned, and descope.yaml (which decides what is managed and deleted). The same inputs always give the
/// same plan, so unchanged inputs mean the saved plan is still the plan.
/// </summary>
public sealed record PlanInputs(string Config, IReadOnlyList<ItemFingerprint> Workspace, IReadOnlyList<ItemFingerprint> Live)
{
    public static PlanInputs Of(LoadedWorkspace workspace, LiveSnapshot live, IEnumerable<ResourceType> kinds)
    {
        var planned = kinds.ToHashSet();
        var desired = ResourceKinds.All.Where(k => planned.Contains(k.Type))
            .SelectMany(k => workspace.Desired.OrEmpty(k.Type).OrderBy(i => i.Key, StringComparer.Ordinal)
                .Select(i => (Kind: k.Name, i.Key, Document: SensitiveFields.ForFingerprint(k, i.Value.Document), File: (string?)i.Value.File)))
            .ToList();
        var read = live.Items().Select(i => (Kind: ResourceTypeNames.ToWire(i.Key.Type), i.Key.Id, Document: i.Value, File: (string?)null)).ToList();
        return new PlanInputs(ConfigSha256(workspace.Config.Path), Fingerprints(desired), Fingerprints(read));
    }

    /// <summary>Hundreds of flows of megabytes each: hashed on every core (each item is read by one thread only).</summary>
    private static List<ItemFingerprint> Fingerprints(List<(string Kind, string Id, JsonObject Document, string? File)> items)
    {
        var result = new ItemFingerprint[items.Count];
        Parallel.For(0, items.Count, i => result[i] = new ItemFingerprint(items[i].Kind, items[i].Id, Sha256(items[i].Document)) { File = items[i].File });
        return [.. result];
    }

    /// <summary>One fingerprint for the whole plan: its target, kinds and inputs (a plan is a function of them).</summary>
    public string PlanFingerprint(PlanTarget target, IEnumerable<string> kinds)
    {
        var text = new StringBuilder()
            .Append("target ").Append(target.ProjectId).Append(' ').Append(target.Environment).Append(' ').Append(target.Host).Append('\n')
            .Append("kinds ").AppendJoin(',', kinds).Append('\n')
            .Append("config ").Append(Config).Append('\n');
        foreach (var item in Workspace)
        {
            text.Append("workspace ").Append(item.Key).Append(' ').Append(item.Sha256).Append('\n');
        }

        foreach (var item in Live)
        {
            text.Append("live ").Append(item.Key).Append(' ').Append(item.Sha256).Append('\n');
        }

        return "sha256:" + Hex(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>
    /// What differs between the inputs a plan was made from and these (the current ones), one line per
    /// item, so a refusal can say what changed: "live tenant:acme changed", "workspace flow:x (flows/x.json) was removed".
    /// </summary>
    public IReadOnlyList<string> ChangesSince(PlanInputs saved)
    {
        var changes = new List<string>();
        if (!string.Equals(saved.Config, Config, StringComparison.Ordinal))
        {
            changes.Add($"{WorkspaceConfigReader.FileName} changed");
        }

        changes.AddRange(Compare("in the workspace", saved.Workspace, Workspace));
        changes.AddRange(Compare("live", saved.Live, Live));
        return changes;
    }

    private static IEnumerable<string> Compare(string where, IReadOnlyList<ItemFingerprint> before, IReadOnlyList<ItemFingerprint> now)
    {
        var old = before.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var current = now.ToDictionary(i => i.Key, StringComparer.Ordinal);
        foreach (var item in now)
        {
            if (!old.TryGetValue(item.Key, out var was))
            {
                yield return $"{item.Key} was added {where}{FileOf(item)}";
            }
            else if (!string.Equals(was.Sha256, item.Sha256, StringComparison.Ordinal))
            {
                yield return $"{item.Key} changed {where}{FileOf(item)}";
            }
        }

        foreach (var item in before.Where(i => !current.ContainsKey(i.Key)))
        {
            yield return $"{item.Key} was removed {where}{FileOf(item)}";
        }
    }

    private static string FileOf(ItemFingerprint item) => item.File is null ? "" : $" ({item.File})";

    /// <summary>
    /// The SHA-256 of the document written compact, in its own key order. A document parsed and never
    /// touched writes its original tokens without building a node per value (a workspace of 300 large flows
    /// would otherwise cost seconds and hundreds of MB). Formatting never counts; key order does, and is
    /// stable: the same file, or the same live state, always gives the same order. A document reordered
    /// for another reason reads as changed, so a saved plan is refused rather than applied over a change.
    /// </summary>
    public static string Sha256(JsonNode document)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            document.WriteTo(writer);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static string ConfigSha256(string path) => File.Exists(path) ? Hex(File.ReadAllBytes(path)) : "";

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>The project a plan was made for: applying it anywhere else is refused.</summary>
public sealed record PlanTarget(string ProjectId, string? Environment, string Host)
{
    public override string ToString() => $"project {ProjectId}{(Environment is null ? "" : $" (environment '{Environment}')")} on {Host}";
}
