using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Live;

/// <summary>
/// Reads and writes live items as documents through their kinds, for one project's client; <paramref name="secrets"/>
/// keeps the secrets creates answer once (access keys), null where the command has no place for them.
/// </summary>
public sealed class LiveState(DescopeClient client, Kinds.AccessKeys.ICreatedSecrets? secrets = null) : Changes.ILiveReader
{
    /// <summary>The live document, or null when the item does not exist.</summary>
    public Task<JsonObject?> GetAsync(ResourceKey key, CancellationToken cancellationToken) =>
        ResourceKinds.Of(key).GetAsync(client, key.Id, cancellationToken);

    /// <summary>Several items at once: one read per kind where its API lists items whole, null for an item that does not exist.</summary>
    public async Task<IReadOnlyDictionary<ResourceKey, JsonObject?>> ReadAsync(IReadOnlyCollection<ResourceKey> keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<ResourceKey, JsonObject?>();
        foreach (var group in keys.Distinct().GroupBy(k => k.Type))
        {
            var ids = group.Select(k => k.Id).ToList();
            var found = await ResourceKinds.Of(group.Key).ReadManyAsync(client, ids, cancellationToken).ConfigureAwait(false);
            foreach (var key in group)
            {
                result[key] = found.GetValueOrDefault(key.Id);
            }
        }

        return result;
    }

    /// <summary>Makes the live item equal to <paramref name="desired"/>, as its kind writes it.</summary>
    public Task PutAsync(ResourceKey key, JsonObject desired, bool exists, CancellationToken cancellationToken) =>
        ResourceKinds.Of(key).PutAsync(client, key.Id, desired, exists, secrets, cancellationToken);

    public Task DeleteAsync(ResourceKey key, bool cascade, CancellationToken cancellationToken) =>
        ResourceKinds.Of(key).DeleteAsync(client, key.Id, cascade, cancellationToken);
}
