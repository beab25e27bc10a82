using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Api.AccessKeys;

/// <summary>
/// Access key operations under <c>/v1/mgmt/accesskey</c>; a key is named by its ID on the wire. The cleartext
/// exists only in the answers of <see cref="CreateAsync"/> and <see cref="RotateAsync"/>, as an
/// <see cref="AccessKeyCleartext"/> that does not print itself.
/// </summary>
public sealed class AccessKeysApi
{
    private readonly ApiTransport _transport;

    internal AccessKeysApi(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// Creates a key and returns it with its cleartext. Not repeated after a dropped connection: the first attempt
    /// may have created a key whose secret is then lost, and a repeat would create a second one.
    /// </summary>
    public async Task<CreatedAccessKey> CreateAsync(AccessKeyWrite key, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(ApiCall.Post("/v1/mgmt/accesskey/create", $"create access key '{key.Name}'", RequestKind.WriteOnce),
            key, ApiJsonContext.Default.AccessKeyWrite, ApiJsonContext.Default.CreatedAccessKeyResponse, cancellationToken).ConfigureAwait(false);
        return new CreatedAccessKey(response.Key, response.Cleartext);
    }

    /// <summary>The key with this ID; a missing key is a <see cref="DescopeApiException"/> with <see cref="DescopeApiException.IsNotFound"/>.</summary>
    public async Task<AccessKey> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync<EmptyBody, AccessKeyEnvelope>(
            ApiCall.Get($"/v1/mgmt/accesskey?id={Uri.EscapeDataString(id)}", $"load access key '{id}'"),
            null, null, ApiJsonContext.Default.AccessKeyEnvelope, cancellationToken).ConfigureAwait(false);
        return response.Key;
    }

    /// <summary>Every key matching <paramref name="search"/> (every key of the project for an empty search); the service does not page it.</summary>
    public async Task<IReadOnlyList<AccessKey>> SearchAsync(AccessKeySearch? search = null, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(ApiCall.Post("/v1/mgmt/accesskey/search", "search access keys", RequestKind.Read),
            search ?? new AccessKeySearch(), ApiJsonContext.Default.AccessKeySearch, ApiJsonContext.Default.AccessKeyListResponse, cancellationToken).ConfigureAwait(false);
        return response.Keys;
    }

    /// <summary>
    /// Replaces the name, description, roles, tenants, claims, permitted IPs and custom attributes of key <paramref name="id"/>.
    /// Expiry and bound user cannot change: a new value there needs a new key (and so a new secret).
    /// </summary>
    public async Task<AccessKey> UpdateAsync(string id, AccessKeyWrite key, CancellationToken cancellationToken = default)
    {
        var request = new AccessKeyUpdateRequest
        {
            Id = id,
            Name = key.Name,
            Description = key.Description ?? "",
            RoleNames = key.RoleNames,
            KeyTenants = key.KeyTenants.Select(t => new TenantMembership { TenantId = t.TenantId, RoleNames = t.RoleNames }).ToList(),
            CustomClaims = key.CustomClaims,
            PermittedIps = key.PermittedIps,
            CustomAttributes = key.CustomAttributes,
        };
        var response = await _transport.SendAsync(ApiCall.Post("/v1/mgmt/accesskey/update", $"update access key '{id}'", RequestKind.Write),
            request, ApiJsonContext.Default.AccessKeyUpdateRequest, ApiJsonContext.Default.AccessKeyEnvelope, cancellationToken).ConfigureAwait(false);
        return response.Key;
    }

    /// <summary>Lets a deactivated key be used again; repeating it is harmless.</summary>
    public Task ActivateAsync(string id, CancellationToken cancellationToken = default) =>
        SendIdAsync("/v1/mgmt/accesskey/activate", $"activate access key '{id}'", id, RequestKind.Write, cancellationToken);

    /// <summary>Stops the key from being used until it is activated again; repeating it is harmless.</summary>
    public Task DeactivateAsync(string id, CancellationToken cancellationToken = default) =>
        SendIdAsync("/v1/mgmt/accesskey/deactivate", $"deactivate access key '{id}'", id, RequestKind.Write, cancellationToken);

    /// <summary>Cannot be undone. Not repeated after a dropped connection: a repeat of a delete that worked answers "not found".</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        SendIdAsync("/v1/mgmt/accesskey/delete", $"delete access key '{id}'", id, RequestKind.WriteOnce, cancellationToken);

    /// <summary>
    /// Gives the key a new cleartext and returns it; the old one stops working. Not repeated after a dropped
    /// connection: a second rotation would invalidate the secret the first one returned.
    /// </summary>
    public async Task<CreatedAccessKey> RotateAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(ApiCall.Post("/v1/mgmt/accesskey/rotate", $"rotate access key '{id}'", RequestKind.WriteOnce),
            new AccessKeyIdRequest { Id = id }, ApiJsonContext.Default.AccessKeyIdRequest, ApiJsonContext.Default.CreatedAccessKeyResponse, cancellationToken).ConfigureAwait(false);
        return new CreatedAccessKey(response.Key, response.Cleartext);
    }

    private Task SendIdAsync(string path, string operation, string id, RequestKind kind, CancellationToken cancellationToken) =>
        _transport.SendAsync(ApiCall.Post(path, operation, kind), new AccessKeyIdRequest { Id = id }, ApiJsonContext.Default.AccessKeyIdRequest, cancellationToken);
}
