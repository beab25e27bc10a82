using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Roles;

/// <summary>
/// A role as <c>role/all</c> and <c>role/search</c> return it. Identity is (<see cref="TenantId"/>, <see cref="Name"/>);
/// a null or empty tenant ID is a project role. Fields the service omits take defaults.
/// </summary>
public sealed class Role
{
    private List<string> _permissionNames = [];

    public string? Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The permissions the role grants; the service leaves the list out when there are none.</summary>
    public List<string> PermissionNames
    {
        get => _permissionNames;
        set => _permissionNames = value ?? [];
    }

    /// <summary>
    /// The other spelling a report of the live service names (<c>permissionsNames</c>); read into
    /// <see cref="PermissionNames"/> when that is absent, never written.
    /// </summary>
    [JsonPropertyName("permissionsNames")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public List<string>? PermissionsNamesSpelling
    {
        get => null;
        set
        {
            if (value is not null && _permissionNames.Count == 0)
            {
                _permissionNames = value;
            }
        }
    }

    public long CreatedTime { get; set; }

    public string? TenantId { get; set; }

    public bool Default { get; set; }

    public bool Private { get; set; }

    /// <summary>Fields this client does not know yet, kept so nothing is lost in a backup.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Body of <c>role/create</c>, and the whole role an update replaces the current one with.</summary>
public sealed class RoleWrite
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<string> PermissionNames { get; set; } = [];

    /// <summary>The tenant the role belongs to; null for a project role. Part of the role's identity: an update cannot move it.</summary>
    public string? TenantId { get; set; }

    public bool Default { get; set; }

    public bool Private { get; set; }
}

/// <summary><c>{"roles":[...]}</c>; the list is required, so a body without it is never "no roles".</summary>
public sealed class RoleListResponse : IWireAnswer
{
    [JsonRequired]
    public List<Role> Roles { get; set; } = [];

    string? IWireAnswer.Problem() => WireChecks.Named("roles", Roles, r => r.Name, r => r.TenantId ?? "", EntryProblem);

    private static string? EntryProblem(Role role)
    {
        if (role.TenantId is { Length: > 0 } tenantId && WireIds.PathProblem(tenantId) is { } problem)
        {
            return $"has the tenant ID '{WireIds.Printable(tenantId)}', which cannot name one item: {problem}";
        }

        var index = role.PermissionNames.FindIndex(p => WireIds.NameProblem(p) is not null);
        return index < 0 ? null : $"has a permission name at permissionNames[{index}] that cannot be used: {WireIds.NameProblem(role.PermissionNames[index])}";
    }
}

/// <summary>Body of <c>role/update</c>: every field is replaced, and <see cref="NewName"/> is required even when the name stays.</summary>
public sealed class RoleUpdateRequest
{
    public string Name { get; set; } = "";

    public string NewName { get; set; } = "";

    public string? Description { get; set; }

    public List<string> PermissionNames { get; set; } = [];

    public string? TenantId { get; set; }

    public bool Default { get; set; }

    public bool Private { get; set; }
}

public sealed class RoleDeleteRequest
{
    public string Name { get; set; } = "";

    public string? TenantId { get; set; }
}

public sealed class RoleBatchCreateRequest
{
    public List<RoleWrite> Roles { get; set; } = [];
}

/// <summary>Body of <c>role/delete/batch</c>: never sent without names, since the service then deletes every role.</summary>
public sealed class RoleBatchDeleteRequest
{
    public List<string> RoleNames { get; set; } = [];

    public string? TenantId { get; set; }
}

/// <summary>Body of <c>role/search</c>; every filter is optional.</summary>
public sealed class RoleSearch
{
    public List<string>? TenantIds { get; set; }

    public List<string>? RoleNames { get; set; }

    public string? RoleNameLike { get; set; }

    public List<string>? PermissionNames { get; set; }

    public List<string>? RoleIds { get; set; }

    /// <summary>With <see cref="TenantIds"/>, also return the project's roles.</summary>
    public bool? IncludeProjectRoles { get; set; }
}
