using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Tenants;

/// <summary>A tenant as <c>tenant?id=</c> and <c>tenant/all</c> return it. Fields the service omits take defaults.</summary>
public sealed class Tenant : IWireAnswer
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public long CreatedTime { get; set; }

    public List<string>? SelfProvisioningDomains { get; set; }

    public List<string>? Domains { get; set; }

    public JsonObject? CustomAttributes { get; set; }

    public string? AuthType { get; set; }

    public bool EnforceSSO { get; set; }

    public List<string>? EnforceSSOExclusions { get; set; }

    public bool Disabled { get; set; }

    public List<string>? DefaultRoles { get; set; }

    public List<string>? FederatedAppIds { get; set; }

    public string? RoleInheritance { get; set; }

    public string? Parent { get; set; }

    public List<string>? Successors { get; set; }

    /// <summary>Fields this client does not know yet, kept so nothing is lost in a backup.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    string? IWireAnswer.Problem() => string.IsNullOrEmpty(Id)
        ? "the tenant has no 'id'"
        : WireIds.PathProblem(Id) is { } problem ? $"the tenant ID '{WireIds.Printable(Id)}' cannot name one item: {problem}" : null;
}

/// <summary>
/// Body of <c>tenant/create</c> and <c>tenant/update</c>. Update replaces every field, so callers
/// read-modify-write; <see cref="Parent"/> is only accepted on create.
/// </summary>
public sealed class TenantWrite
{
    public string? Id { get; set; }

    public string Name { get; set; } = "";

    public List<string> SelfProvisioningDomains { get; set; } = [];

    public JsonObject? CustomAttributes { get; set; }

    public bool EnforceSSO { get; set; }

    public List<string>? EnforceSSOExclusions { get; set; }

    public bool Disabled { get; set; }

    public string? Parent { get; set; }

    public string? RoleInheritance { get; set; }

    public List<string>? FederatedAppIds { get; set; }

    public string? AuthType { get; set; }
}

public sealed class TenantCreateResponse : IWireAnswer
{
    public string Id { get; set; } = "";

    string? IWireAnswer.Problem() => string.IsNullOrEmpty(Id) ? "it holds no 'id' of the created tenant" : null;
}

/// <summary><c>{"tenants":[...]}</c>; the list is required, so a body without it is never "no tenants".</summary>
public sealed class TenantListResponse : IWireAnswer
{
    [JsonRequired]
    public List<Tenant> Tenants { get; set; } = [];

    string? IWireAnswer.Problem() => WireChecks.Entries("tenants", Tenants, t => t.Id);
}

public sealed class TenantDeleteRequest
{
    public string Id { get; set; } = "";

    public bool Cascade { get; set; }
}

public sealed class TenantSearch
{
    public List<string>? TenantIds { get; set; }

    public List<string>? TenantNames { get; set; }

    public List<string>? TenantSelfProvisioningDomains { get; set; }

    public JsonObject? CustomAttributes { get; set; }

    public string? ParentTenantId { get; set; }

    public bool? TopLevelOnly { get; set; }
}
