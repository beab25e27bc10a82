using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Tenants;

namespace DescopeMgmt.Core.Live;

/// <summary>
/// Reads and writes live items as documents (flows and the theme in v2 shape, tenants with API field
/// names), hiding which API call each type needs.
/// </summary>
public sealed class LiveState(DescopeClient client)
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

    /// <summary>Writes the item, reads it back and fails unless it now matches (server-managed fields aside).</summary>
    public async Task PutAndVerifyAsync(ResourceKey key, JsonObject desired, bool exists, CancellationToken cancellationToken)
    {
        await PutAsync(key, desired, exists, cancellationToken).ConfigureAwait(false);
        var after = await GetAsync(key, cancellationToken).ConfigureAwait(false);
        var remaining = after is null ? [] : Planning.JsonDiff.Compare(after, desired, Planning.DiffOptions.For(key.Type));
        if (after is null || remaining.Count > 0)
        {
            throw new UserError("verify_failed",
                $"{key} was written but reads back different ({(after is null ? "missing" : string.Join(", ", remaining.Take(3).Select(c => c.Path)))}).",
                "Run the command again; if it persists, compare with `descope-mgmt plan`.");
        }
    }

    /// <summary>Deletes the item, reads it back and fails unless it is gone.</summary>
    public async Task DeleteAndVerifyAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        await DeleteAsync(key, cascade: false, cancellationToken).ConfigureAwait(false);
        if (await GetAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new UserError("verify_failed", $"{key} was deleted but still reads back.",
                "Run the command again; if it persists, compare with `descope-mgmt plan`.");
        }
    }

    public Task DeleteAsync(ResourceKey key, bool cascade, CancellationToken cancellationToken) => key.Type switch
    {
        ResourceType.Flow => client.Flows.DeleteAsync([key.Id], cancellationToken),
        ResourceType.Tenant => client.Tenants.DeleteAsync(key.Id, cascade, cancellationToken),
        _ => throw new UserError("cannot_delete", "The theme cannot be deleted, only replaced.", null),
    };
}
