using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Permissions;

/// <summary>Permission operations under <c>/v1/mgmt/permission</c>; a permission is named by its name.</summary>
public sealed class PermissionsApi
{
    private readonly ApiTransport _transport;

    internal PermissionsApi(ApiTransport transport) => _transport = transport;

    /// <summary>Not repeated after a dropped connection: a repeat of a create that worked answers "already exists".</summary>
    public Task CreateAsync(PermissionWrite permission, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/permission/create", $"create permission '{permission.Name}'", RequestKind.WriteOnce),
            permission, ApiJsonContext.Default.PermissionWrite, cancellationToken);

    /// <summary>Creates several permissions in one call; all or none are created.</summary>
    public Task CreateBatchAsync(IReadOnlyCollection<PermissionWrite> permissions, CancellationToken cancellationToken = default)
    {
        if (permissions.Count == 0)
        {
            return Task.CompletedTask;
        }

        var request = new PermissionBatchCreateRequest { Permissions = permissions.ToList() };
        return _transport.SendAsync(ApiCall.Post("/v1/mgmt/permission/create/batch", $"create {permissions.Count} permission(s)", RequestKind.WriteOnce),
            request, ApiJsonContext.Default.PermissionBatchCreateRequest, cancellationToken);
    }

    /// <summary>
    /// Replaces the permission named <paramref name="name"/> with <paramref name="permission"/> (its name is the new
    /// name, the current one when not renaming): an omitted description is removed by the service.
    /// </summary>
    public Task UpdateAsync(string name, PermissionWrite permission, CancellationToken cancellationToken = default)
    {
        var request = new PermissionUpdateRequest { Name = name, NewName = permission.Name, Description = permission.Description };
        return _transport.SendAsync(ApiCall.Post("/v1/mgmt/permission/update", $"update permission '{name}'", RequestKind.Write),
            request, ApiJsonContext.Default.PermissionUpdateRequest, cancellationToken);
    }

    /// <summary>Not repeated after a dropped connection: a repeat of a delete that worked answers "not found".</summary>
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/permission/delete", $"delete permission '{name}'", RequestKind.WriteOnce),
            new PermissionDeleteRequest { Name = name }, ApiJsonContext.Default.PermissionDeleteRequest, cancellationToken);

    /// <summary>
    /// Deletes the named permissions in one call. An empty list sends nothing: a batch delete without a filter
    /// is never sent, since the service may read it as "every permission".
    /// </summary>
    public Task DeleteBatchAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var list = BatchFilter.Names(names, nameof(names));
        return list.Count == 0
            ? Task.CompletedTask
            : _transport.SendAsync(ApiCall.Post("/v1/mgmt/permission/delete/batch", $"delete {list.Count} permission(s)", RequestKind.WriteOnce),
                new PermissionBatchDeleteRequest { Names = list }, ApiJsonContext.Default.PermissionBatchDeleteRequest, cancellationToken);
    }

    public async Task<IReadOnlyList<Permission>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync<EmptyBody, PermissionListResponse>(ApiCall.Get("/v1/mgmt/permission/all", "load all permissions"),
            null, null, ApiJsonContext.Default.PermissionListResponse, cancellationToken).ConfigureAwait(false);
        return response.Permissions;
    }
}
