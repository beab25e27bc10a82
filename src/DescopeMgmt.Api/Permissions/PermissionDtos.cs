using System.Text.Json;
using System.Text.Json.Serialization;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Permissions;

/// <summary>A permission as <c>permission/all</c> returns it. Identity is <see cref="Name"/>; built-ins carry <see cref="SystemDefault"/>.</summary>
public sealed class Permission
{
    public string? Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>A permission every project has (e.g. "User Admin"): a configuration tool never changes or deletes it.</summary>
    public bool SystemDefault { get; set; }

    /// <summary>Fields this client does not know yet, kept so nothing is lost in a backup.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Body of <c>permission/create</c>, and what an update replaces the permission with (description included).</summary>
public sealed class PermissionWrite
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }
}

/// <summary><c>{"permissions":[...]}</c>; the list is required, so a body without it is never "no permissions".</summary>
public sealed class PermissionListResponse : IWireAnswer
{
    [JsonRequired]
    public List<Permission> Permissions { get; set; } = [];

    string? IWireAnswer.Problem() => WireChecks.Named("permissions", Permissions, p => p.Name, _ => "");
}

/// <summary>Body of <c>permission/update</c>: <see cref="NewName"/> is required even when the name stays.</summary>
public sealed class PermissionUpdateRequest
{
    public string? Name { get; set; }

    public string? Id { get; set; }

    public string NewName { get; set; } = "";

    public string? Description { get; set; }
}

public sealed class PermissionDeleteRequest
{
    public string Name { get; set; } = "";
}

public sealed class PermissionBatchCreateRequest
{
    public List<PermissionWrite> Permissions { get; set; } = [];
}

public sealed class PermissionBatchDeleteRequest
{
    public List<string> Names { get; set; } = [];
}
