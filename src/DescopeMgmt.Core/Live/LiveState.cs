using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Tenants;

namespace DescopeMgmt.Core.Live;

/// <summary>
/// Reads and writes live items as documents (flows and the theme in v2 shape, tenants with API field
/// names), hiding which API call each type needs.
/// </summary>
public sealed class LiveState(DescopeClient client) : Changes.ILiveReader
{
    public DescopeClient Client => client;

    /// <summary>The live document, or null when the item does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        try
        {
            return key.Type switch
            {
                ResourceType.Flow => await client.Flows.ExportAsync(key.Id, cancellationToken).ConfigureAwait(false),
                ResourceType.Theme => await client.Themes.ExportAsync(cancellationToken).ConfigureAwait(false),
                ResourceType.Tenant => TenantDocuments.ToDocument(await client.Tenants.LoadAsync(key.Id, cancellationToken).ConfigureAwait(false)),
                _ => throw new ArgumentOutOfRangeException(nameof(key)),
            };
        }
        catch (DescopeApiException ex) when (ex.IsNotFound || (key.Type == ResourceType.Tenant && ex.StatusCode == 400))
        {
            return null;
        }
    }

    /// <summary>
    /// Several items at a constant cost: with two or more flows, one project snapshot export covers the
    /// flows and the theme (one export per flow where the project refuses snapshots); with two or more
    /// tenants, one load-all. A single item is read alone.
    /// </summary>
    public async Task<IReadOnlyDictionary<ResourceKey, JsonObject?>> ReadAsync(IReadOnlyCollection<ResourceKey> keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<ResourceKey, JsonObject?>();
        var flows = keys.Where(k => k.Type == ResourceType.Flow).ToList();
        var tenants = keys.Where(k => k.Type == ResourceType.Tenant).ToList();
        var many = new LiveSnapshotReader(client);
        if (flows.Count > 1)
        {
            var snapshot = await many.ReadFlowsAndThemeAsync(flows.Select(f => f.Id).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var key in flows)
            {
                result[key] = snapshot.Flows.GetValueOrDefault(key.Id);
            }

            if (snapshot.Theme is not null)
            {
                result[ResourceKey.Theme] = snapshot.Theme;
            }
        }

        if (tenants.Count > 1)
        {
            var all = await client.Tenants.LoadAllAsync(cancellationToken).ConfigureAwait(false);
            var byId = all.ToDictionary(t => t.Id, StringComparer.Ordinal);
            foreach (var key in tenants)
            {
                result[key] = byId.TryGetValue(key.Id, out var tenant) ? TenantDocuments.ToDocument(tenant) : null;
            }
        }

        foreach (var key in keys.Where(k => !result.ContainsKey(k)))
        {
            result[key] = await GetAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Makes the live item equal to <paramref name="desired"/>: import for flows/theme, create or full update for tenants.</summary>
    public async Task PutAsync(ResourceKey key, JsonObject desired, bool exists, CancellationToken cancellationToken)
    {
        switch (key.Type)
        {
            case ResourceType.Flow:
                await client.Flows.ImportAsync(key.Id, desired, cancellationToken).ConfigureAwait(false);
                break;
            case ResourceType.Theme:
                await client.Themes.ImportAsync(desired, cancellationToken).ConfigureAwait(false);
                break;
            case ResourceType.Tenant:
                var write = TenantDocuments.ToWrite(desired);
                write.Id = key.Id;
                if (exists)
                {
                    await client.Tenants.UpdateAsync(write, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await client.Tenants.CreateAsync(write, cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(key));
        }
    }

    public Task DeleteAsync(ResourceKey key, bool cascade, CancellationToken cancellationToken) => key.Type switch
    {
        ResourceType.Flow => client.Flows.DeleteAsync([key.Id], cancellationToken),
        ResourceType.Tenant => client.Tenants.DeleteAsync(key.Id, cascade, cancellationToken),
        _ => throw new UserError("cannot_delete", "The theme cannot be deleted, only replaced.", null),
    };
}
