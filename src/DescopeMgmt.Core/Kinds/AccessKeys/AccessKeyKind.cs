using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Kinds.AccessKeys;

/// <summary>
/// Access keys: identity (and item ID) is the name, which this tool keeps unique per project; the service names a
/// key by an ID of its own, looked up by name for every write. The API lists keys whole (one search), and update
/// replaces every field except the expiry and the bound user, which are fixed at creation: changing them is a
/// replacement (<see cref="ReplaceFields"/>: the old key deleted, a new one created, so a new secret). A create answers the key's cleartext once, which goes to the change's
/// <see cref="ICreatedSecrets"/>; without one a create is refused before the API is called.
/// </summary>
public sealed partial class AccessKeyKind : ResourceKind
{
    /// <summary>The fields the API cannot update: a new value needs a new key.</summary>
    public static IReadOnlyList<string> FixedFields { get; } = ["expireTime", "userId"];

    public override ResourceType Type => ResourceType.AccessKey;

    public override string Name => "access-key";

    public override string ItemNoun => "access key";

    public override string KindsName => "accessKeys";

    // After roles and tenants: a key can only be given roles and tenants that exist; deleted before them.
    public override int Order => 6;

    public override bool HasRollbackCommand => false;

    public override string? RestoreCaveat => "a deleted or replaced access key comes back with a new secret: its old cleartext cannot be restored";

    public override DiffOptions Diff { get; } = new(new HashSet<string>(StringComparer.Ordinal), ZeroValuesAreAbsent: true);

    public override string BackupPath(string fileStem) => $"access-keys/{fileStem}.json";

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken) =>
        (await ReadManyAsync(client, [id], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(id);

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadManyAsync(DescopeClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return (await AllAsync(client, cancellationToken).ConfigureAwait(false)).Where(k => wanted.Contains(k.Key))
            .ToDictionary(k => k.Key, k => AccessKeyDocuments.ToDocument(k.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// The service ID of each key by name, as the latest full read through a client saw it (and its own creates and
    /// deletes since): writes name a key by that ID, which no file holds, so a change of N keys costs N writes after
    /// the plan's read instead of a search before each. A name not seen is searched for afresh; an ID gone stale
    /// (the key deleted in the console since the read) is answered "not found" by the service, a failure reported as such.
    /// </summary>
    private static readonly ConditionalWeakTable<DescopeClient, ConcurrentDictionary<string, string>> SeenIds = new();

    /// <summary>
    /// Every key by name. Two live keys sharing a name (made outside this tool: the service allows it) are an
    /// error, never a guess which one a file means.
    /// </summary>
    private static async Task<Dictionary<string, AccessKey>> AllAsync(DescopeClient client, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, AccessKey>(StringComparer.Ordinal);
        foreach (var key in await client.AccessKeys.SearchAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (!result.TryAdd(key.Name, key))
            {
                throw NameNotUnique(key.Name, result[key.Name].Id, key.Id);
            }
        }

        var seen = SeenIds.GetOrCreateValue(client);
        seen.Clear();
        foreach (var (name, key) in result)
        {
            seen[name] = key.Id;
        }

        return result;
    }

    /// <summary>The refusal of a name two live keys share (the service allows it; this tool names keys by name).</summary>
    public static UserError NameNotUnique(string name, string firstId, string secondId) =>
        new("access_key_name_not_unique",
            $"Two access keys of the project are named '{ItemIds.Printable(name)}' ({firstId} and {secondId}); an access key is managed by its name, so names must be unique.",
            "Delete or rename one of them in the Descope console, then run the command again.");

    private static async Task<string> LiveIdAsync(DescopeClient client, string name, CancellationToken cancellationToken) =>
        SeenIds.TryGetValue(client, out var seen) && seen.TryGetValue(name, out var id) ? id : (await LiveAsync(client, name, cancellationToken).ConfigureAwait(false)).Id;

    private static async Task<AccessKey> LiveAsync(DescopeClient client, string name, CancellationToken cancellationToken) =>
        (await AllAsync(client, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(name)
        ?? throw new UserError("access_key_not_found", $"There is no access key named '{ItemIds.Printable(name)}'.",
            "Run `descope-mgmt plan` to see what the project holds now.");

    public override IReadOnlyList<string> ReplaceFields(JsonObject live, JsonObject desired) => FixedFieldChanges(live, desired);

    public override string ReplaceNote => "new secret";

    public override bool CreatesSecrets => true;

    /// <summary>The fixed fields whose desired value differs from the live one.</summary>
    public static IReadOnlyList<string> FixedFieldChanges(JsonObject live, JsonObject desired) =>
        [.. FixedFields.Where(f => !string.Equals(FixedText(live, f), FixedText(desired, f), StringComparison.Ordinal))];

    private static string FixedText(JsonObject document, string field) => field == "expireTime"
        ? AccessKeyDocuments.ExpireTime(document).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : document[field]?.ToString() ?? "";

    /// <summary>Updates only: a create answers a secret, which needs the overload with a place to keep it.</summary>
    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken) =>
        PutAsync(client, id, desired, exists, secrets: null, cancellationToken);

    public override async Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, ICreatedSecrets? secrets, CancellationToken cancellationToken)
    {
        var write = AccessKeyDocuments.ToWrite(id, desired);
        if (exists)
        {
            await client.AccessKeys.UpdateAsync(await LiveIdAsync(client, id, cancellationToken).ConfigureAwait(false), write, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (secrets is null)
        {
            throw new UserError("access_key_secret_nowhere",
                $"Creating access key '{ItemIds.Printable(id)}' answers its secret once, and this command has nowhere to put it; nothing was sent for it.",
                "Create it with `descope-mgmt apply --secrets-out FILE`, which writes each new key's cleartext to FILE (mode 0600).");
        }

        var created = await client.AccessKeys.CreateAsync(write, cancellationToken).ConfigureAwait(false);
        SeenIds.GetOrCreateValue(client)[id] = created.Key.Id;
        await secrets.KeepAsync(created, cancellationToken).ConfigureAwait(false);
    }

    public override async Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken)
    {
        await client.AccessKeys.DeleteAsync(await LiveIdAsync(client, id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (SeenIds.TryGetValue(client, out var seen))
        {
            seen.TryRemove(id, out _);
        }
    }
}
