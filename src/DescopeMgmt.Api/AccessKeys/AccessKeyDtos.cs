using System.Text.Json;
using System.Text.Json.Serialization;
using DescopeMgmt.Api.Json;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Api.AccessKeys;

/// <summary>
/// An access key as <c>accesskey?id=</c>, <c>accesskey/search</c> and the writes return it. Identity on the wire is
/// <see cref="Id"/>; a configuration tool names keys by <see cref="Name"/>, which it keeps unique per project.
/// <see cref="ExpireTime"/> and <see cref="BoundUserId"/> are fixed at creation: no update can change them.
/// Fields the service omits take defaults.
/// </summary>
public sealed class AccessKey
{
    private List<string> _roleNames = [];
    private List<TenantMembership> _keyTenants = [];
    private List<string> _permittedIps = [];

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Project-level roles; the service leaves the list out when there are none.</summary>
    public List<string> RoleNames
    {
        get => _roleNames;
        set => _roleNames = value ?? [];
    }

    public List<TenantMembership> KeyTenants
    {
        get => _keyTenants;
        set => _keyTenants = value ?? [];
    }

    /// <summary>"active" or "inactive" (deactivated); the service may report others, such as "expired".</summary>
    public string? Status { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedTime { get; set; }

    /// <summary>Unix seconds; 0 never expires. Set at creation only.</summary>
    public long ExpireTime { get; set; }

    public string? CreatedBy { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The user the key acts as, if any. Set at creation only.</summary>
    public string? BoundUserId { get; set; }

    public Dictionary<string, JsonElement>? CustomClaims { get; set; }

    public List<string> PermittedIps
    {
        get => _permittedIps;
        set => _permittedIps = value ?? [];
    }

    public Dictionary<string, JsonElement>? CustomAttributes { get; set; }

    public bool? Editable { get; set; }

    [JsonIgnore]
    public bool IsActive => Status is null or "" or "active";

    /// <summary>Fields this client does not know yet, kept so nothing is lost in a backup.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    internal string? Problem()
    {
        if (WireIds.NameProblem(Name) is { } name)
        {
            return $"has a name that cannot be used: {name}";
        }

        var tenant = KeyTenants.FindIndex(t => t is null || WireIds.PathProblem(t.TenantId) is not null);
        return tenant >= 0 ? $"has a tenant ID at keyTenants[{tenant}] that cannot name one tenant"
            : WireChecks.NullIn("roleNames", RoleNames) ?? WireChecks.NullIn("permittedIps", PermittedIps) ?? WireChecks.NullRoleIn("keyTenants", KeyTenants);
    }
}

/// <summary>Body of <c>accesskey/create</c>. <see cref="ExpireTime"/> and <see cref="UserId"/> cannot be changed later.</summary>
public sealed class AccessKeyWrite
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Unix seconds; 0 never expires.</summary>
    public long ExpireTime { get; set; }

    public List<string> RoleNames { get; set; } = [];

    public List<TenantMembership> KeyTenants { get; set; } = [];

    /// <summary>Binds the key to a user; null for a key of its own.</summary>
    public string? UserId { get; set; }

    public Dictionary<string, JsonElement>? CustomClaims { get; set; }

    public List<string> PermittedIps { get; set; } = [];

    public Dictionary<string, JsonElement>? CustomAttributes { get; set; }
}

/// <summary>Body of <c>accesskey/update</c>: every field it carries is replaced; expiry and bound user are not among them.</summary>
public sealed class AccessKeyUpdateRequest
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Always sent (empty clears it): an omitted description may be kept by the service.</summary>
    public string Description { get; set; } = "";

    public List<string> RoleNames { get; set; } = [];

    public List<TenantMembership> KeyTenants { get; set; } = [];

    public Dictionary<string, JsonElement>? CustomClaims { get; set; }

    public List<string> PermittedIps { get; set; } = [];

    public Dictionary<string, JsonElement>? CustomAttributes { get; set; }
}

public sealed class AccessKeyIdRequest
{
    public string Id { get; set; } = "";
}

/// <summary>Body of <c>accesskey/search</c>; every filter is optional and an empty body lists every key.</summary>
public sealed class AccessKeySearch
{
    public List<string>? TenantIds { get; set; }

    public string? BoundUserId { get; set; }

    public string? CreatingUser { get; set; }

    public Dictionary<string, JsonElement>? CustomAttributes { get; set; }
}

/// <summary><c>{"key":{...}}</c> as load and update answer it.</summary>
public sealed class AccessKeyEnvelope : IWireAnswer
{
    [JsonRequired]
    public AccessKey Key { get; set; } = null!;

    string? IWireAnswer.Problem() => AccessKeyAnswers.One("key", Key);
}

/// <summary><c>{"keys":[...]}</c>; the list is required, so a body without it is never "no keys".</summary>
public sealed class AccessKeyListResponse : IWireAnswer
{
    [JsonRequired]
    public List<AccessKey> Keys { get; set; } = [];

    string? IWireAnswer.Problem() =>
        WireChecks.Entries("keys", Keys, k => k.Id) ?? Keys.Select((k, i) => k.Problem() is { } p ? $"keys[{i}] {p}" : null).FirstOrDefault(p => p is not null);
}

/// <summary><c>{"cleartext":"...","key":{...}}</c> as create and rotate answer it: without the cleartext it is of no use.</summary>
public sealed class CreatedAccessKeyResponse : IWireAnswer
{
    [JsonRequired]
    public AccessKeyCleartext Cleartext { get; set; } = null!;

    [JsonRequired]
    public AccessKey Key { get; set; } = null!;

    string? IWireAnswer.Problem() => Cleartext is null ? "'cleartext' is empty" : AccessKeyAnswers.One("key", Key);
}

/// <summary>A created or rotated key and its new secret, which the service never returns again.</summary>
public sealed class CreatedAccessKey(AccessKey key, AccessKeyCleartext cleartext)
{
    public AccessKey Key { get; } = key;

    public AccessKeyCleartext Cleartext { get; } = cleartext;

    public override string ToString() => $"access key '{Key.Name}' ({Key.Id}), cleartext {AccessKeyCleartext.Redacted}";
}

internal static class AccessKeyAnswers
{
    public static string? One(string property, AccessKey? key)
    {
        if (key is null)
        {
            return $"'{property}' is null";
        }

        if (string.IsNullOrEmpty(key.Id))
        {
            return $"'{property}' has no 'id'";
        }

        if (WireIds.PathProblem(key.Id) is { } problem)
        {
            return $"'{property}' has the ID '{WireIds.Printable(key.Id)}', which cannot name one item: {problem}";
        }

        return key.Problem() is { } other ? $"'{property}' {other}" : null;
    }
}
