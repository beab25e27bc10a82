using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Roles;

/// <summary>Role operations under <c>/v1/mgmt/role</c>; a role is named by (tenant ID, name), a null tenant being the project.</summary>
public sealed class RolesApi
{
    private readonly ApiTransport _transport;

    internal RolesApi(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// Creates a role; the service refuses (400) a role naming a permission or tenant that does not exist.
    /// Not repeated after a dropped connection: a repeat of a create that worked answers "already exists".
    /// </summary>
    public Task CreateAsync(RoleWrite role, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/role/create", $"create role {Describe(role.TenantId, role.Name)}", RequestKind.WriteOnce),
            role, ApiJsonContext.Default.RoleWrite, cancellationToken);

    /// <summary>Creates several roles in one call and returns them as the service stored them; all or none are created.</summary>
    public async Task<IReadOnlyList<Role>> CreateBatchAsync(IReadOnlyCollection<RoleWrite> roles, CancellationToken cancellationToken = default)
    {
        if (roles.Count == 0)
        {
            return [];
        }

        var response = await _transport.SendAsync(ApiCall.Post("/v1/mgmt/role/create/batch", $"create {roles.Count} role(s)", RequestKind.WriteOnce),
            new RoleBatchCreateRequest { Roles = roles.ToList() }, ApiJsonContext.Default.RoleBatchCreateRequest, ApiJsonContext.Default.RoleListResponse,
            cancellationToken).ConfigureAwait(false);
        return response.Roles;
    }

    /// <summary>
    /// Replaces every field of the role named <paramref name="name"/> in <see cref="RoleWrite.TenantId"/> with
    /// <paramref name="role"/>, whose name is the new name (the current one when not renaming): an omitted
    /// description or permission is removed by the service, so the caller sends the whole role.
    /// </summary>
    public Task UpdateAsync(string name, RoleWrite role, CancellationToken cancellationToken = default)
    {
        var request = new RoleUpdateRequest
        {
            Name = name,
            NewName = role.Name,
            Description = role.Description,
            PermissionNames = role.PermissionNames,
            TenantId = NullIfEmpty(role.TenantId),
            Default = role.Default,
            Private = role.Private,
        };
        return _transport.SendAsync(ApiCall.Post("/v1/mgmt/role/update", $"update role {Describe(role.TenantId, name)}", RequestKind.Write),
            request, ApiJsonContext.Default.RoleUpdateRequest, cancellationToken);
    }

    /// <summary>Not repeated after a dropped connection: a repeat of a delete that worked answers "not found".</summary>
    public Task DeleteAsync(string name, string? tenantId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/role/delete", $"delete role {Describe(tenantId, name)}", RequestKind.WriteOnce),
            new RoleDeleteRequest { Name = name, TenantId = NullIfEmpty(tenantId) }, ApiJsonContext.Default.RoleDeleteRequest, cancellationToken);

    /// <summary>
    /// Deletes the named roles of one scope (a tenant, or the project when <paramref name="tenantId"/> is null) in one
    /// call. An empty list sends nothing: the service reads a batch delete without names as "delete every role".
    /// </summary>
    public Task DeleteBatchAsync(IReadOnlyCollection<string> names, string? tenantId, CancellationToken cancellationToken = default)
    {
        var list = BatchFilter.Names(names, nameof(names));
        return list.Count == 0
            ? Task.CompletedTask
            : _transport.SendAsync(ApiCall.Post("/v1/mgmt/role/delete/batch", $"delete {list.Count} role(s) of {Scope(tenantId)}", RequestKind.WriteOnce),
                new RoleBatchDeleteRequest { RoleNames = list, TenantId = NullIfEmpty(tenantId) }, ApiJsonContext.Default.RoleBatchDeleteRequest, cancellationToken);
    }

    /// <summary>Every role: the project's and every tenant's.</summary>
    public async Task<IReadOnlyList<Role>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync<EmptyBody, RoleListResponse>(ApiCall.Get("/v1/mgmt/role/all", "load all roles"),
            null, null, ApiJsonContext.Default.RoleListResponse, cancellationToken).ConfigureAwait(false);
        return response.Roles;
    }

    public async Task<IReadOnlyList<Role>> SearchAsync(RoleSearch search, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(ApiCall.Post("/v1/mgmt/role/search", "search roles", RequestKind.Read),
            search, ApiJsonContext.Default.RoleSearch, ApiJsonContext.Default.RoleListResponse, cancellationToken).ConfigureAwait(false);
        return response.Roles;
    }

    private static string? NullIfEmpty(string? tenantId) => string.IsNullOrEmpty(tenantId) ? null : tenantId;

    private static string Scope(string? tenantId) => string.IsNullOrEmpty(tenantId) ? "the project" : $"tenant '{tenantId}'";

    private static string Describe(string? tenantId, string name) => string.IsNullOrEmpty(tenantId) ? $"'{name}'" : $"'{name}' of tenant '{tenantId}'";
}
