using System.Text.Json;
using System.Text.Json.Serialization;
using DescopeMgmt.Api.Json;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Api.Users;

/// <summary>
/// A user as the user endpoints return it. <see cref="UserId"/> is the service's ID; <see cref="LoginIds"/> are what
/// people sign in with (either names the user in a request). Fields the service omits take defaults.
/// </summary>
public sealed class User
{
    private List<string> _loginIds = [];
    private List<string> _roleNames = [];
    private List<TenantMembership> _userTenants = [];

    public string UserId { get; set; } = "";

    public List<string> LoginIds
    {
        get => _loginIds;
        set => _loginIds = value ?? [];
    }

    public string? Name { get; set; }

    public string? GivenName { get; set; }

    public string? MiddleName { get; set; }

    public string? FamilyName { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public bool VerifiedEmail { get; set; }

    public bool VerifiedPhone { get; set; }

    public string? Picture { get; set; }

    /// <summary>Project-level roles.</summary>
    public List<string> RoleNames
    {
        get => _roleNames;
        set => _roleNames = value ?? [];
    }

    public List<TenantMembership> UserTenants
    {
        get => _userTenants;
        set => _userTenants = value ?? [];
    }

    /// <summary>"enabled", "disabled" or "invited" (the service may add others, such as "expired").</summary>
    public string? Status { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedTime { get; set; }

    public bool Test { get; set; }

    public Dictionary<string, JsonElement>? CustomAttributes { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    internal string? Problem()
    {
        if (string.IsNullOrEmpty(UserId))
        {
            return "has no 'userId'";
        }

        if (WireIds.PathProblem(UserId) is { } problem)
        {
            return $"has the user ID '{WireIds.Printable(UserId)}', which cannot name one item: {problem}";
        }

        var tenant = UserTenants.FindIndex(t => t is null || WireIds.PathProblem(t.TenantId) is not null);
        return tenant >= 0 ? $"has a tenant ID at userTenants[{tenant}] that cannot name one tenant"
            : WireChecks.NullIn("loginIds", LoginIds) ?? WireChecks.NullIn("roleNames", RoleNames) ?? WireChecks.NullRoleIn("userTenants", UserTenants);
    }
}

/// <summary>A tenant and roles as <c>user/create</c> and <c>user/update</c> take them.</summary>
public sealed class UserTenantWrite
{
    public string TenantId { get; set; } = "";

    public List<string> RoleNames { get; set; } = [];
}

/// <summary>
/// Body of <c>user/create</c> (also an invitation, with <see cref="Invite"/>) and <c>user/update</c>, which replaces
/// every field: callers send the whole user. The display name is written as <c>displayName</c> and read as <c>name</c>.
/// </summary>
public sealed record UserWrite
{
    /// <summary>The login ID (or, on update, the user ID) the request names.</summary>
    public string LoginId { get; set; } = "";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? DisplayName { get; set; }

    public string? GivenName { get; set; }

    public string? MiddleName { get; set; }

    public string? FamilyName { get; set; }

    public List<string>? RoleNames { get; set; }

    public List<UserTenantWrite>? UserTenants { get; set; }

    public Dictionary<string, JsonElement>? CustomAttributes { get; set; }

    public string? Picture { get; set; }

    public bool? VerifiedEmail { get; set; }

    public bool? VerifiedPhone { get; set; }

    public List<string>? AdditionalLoginIds { get; set; }

    /// <summary>Create the user as invited and send the invitation (by the project's settings unless <see cref="SendMail"/>/<see cref="SendSms"/> say otherwise).</summary>
    public bool? Invite { get; set; }

    public string? InviteUrl { get; set; }

    public bool? SendMail { get; set; }

    [JsonPropertyName("sendSMS")]
    public bool? SendSms { get; set; }
}

/// <summary>Body of <c>/v2/mgmt/user/search</c>: one page of the users matching every filter given.</summary>
public sealed class UserSearch
{
    /// <summary>0-based.</summary>
    public int Page { get; set; }

    /// <summary>Users per page; 0 is the service's default, and the service may cap it.</summary>
    public int Limit { get; set; }

    public string? Text { get; set; }

    public List<string>? TenantIds { get; set; }

    public List<string>? RoleNames { get; set; }

    public List<string>? Statuses { get; set; }

    public List<string>? Emails { get; set; }

    public List<string>? Phones { get; set; }

    public List<string>? LoginIds { get; set; }

    public List<string>? UserIds { get; set; }

    public bool? WithTestUser { get; set; }
}

/// <summary><c>{"users":[...],"total":N}</c>: one page and the number of users matching in all.</summary>
public sealed class UserPage : IWireAnswer
{
    [JsonRequired]
    public List<User> Users { get; set; } = [];

    public int Total { get; set; }

    string? IWireAnswer.Problem()
    {
        if (Users is null)
        {
            return "'users' is null, not a list";
        }

        for (var i = 0; i < Users.Count; i++)
        {
            if (Users[i] is null)
            {
                return $"users[{i}] is null";
            }

            if (Users[i].Problem() is { } problem)
            {
                return $"users[{i}] {problem}";
            }
        }

        return Total < 0 ? $"'total' is negative ({Total})" : null;
    }
}

/// <summary><c>{"user":{...}}</c> as load and every user write answer it.</summary>
public sealed class UserEnvelope : IWireAnswer
{
    [JsonRequired]
    public User User { get; set; } = null!;

    string? IWireAnswer.Problem() => User is null ? "'user' is null" : User.Problem() is { } problem ? $"'user' {problem}" : null;
}

public sealed class UserStatusRequest
{
    public string LoginId { get; set; } = "";

    public string Status { get; set; } = "";
}

/// <summary>Body of the role add/remove/set endpoints; without a tenant ID the roles are the project's.</summary>
public sealed class UserRolesRequest
{
    public string LoginId { get; set; } = "";

    public string? TenantId { get; set; }

    public List<string> RoleNames { get; set; } = [];
}

public sealed class UserDeleteRequest
{
    public string LoginId { get; set; } = "";
}
