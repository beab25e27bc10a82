using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.AccessKeys;
using DescopeMgmt.Core.Model;
using ApiAccessKey = DescopeMgmt.Api.AccessKeys.AccessKey;

namespace DescopeMgmt.Cli.Commands.AccessKey;

/// <summary>
/// The field flags of access-key create and update, the name lookup and the messages shared by the access-key
/// commands. A key is named by its name, as in access-keys.yaml: the service's key ID is shown, never needed.
/// </summary>
internal sealed class AccessKeyFieldOptions
{
    public Option<string?> Description { get; } = new("--description") { Description = "What the key is for (\"\" removes it)." };

    public Option<string[]> Roles { get; } = new("--role")
    {
        Description = "A project role the key grants (repeatable); on update the flags replace the whole list, and --role '' grants none.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> TenantRoles { get; } = TenantRoleOption();

    public Option<string[]> PermittedIps { get; } = new("--permitted-ip")
    {
        Description = "An IP address or CIDR range the key may be used from (repeatable; none: from anywhere); on update the flags replace the list, --permitted-ip '' clears it.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> CustomClaims { get; } = ClaimOption();

    public Option<string?> ExpireTime { get; } = new("--expire-time")
    {
        Description = "When the key stops working: an ISO 8601 time (2027-01-31T00:00:00Z) or Unix seconds; without it the key never expires. Fixed at creation.",
    };

    public Option<string?> UserId { get; } = new("--user-id") { Description = "The user ID the key acts as (a key of its own without it). Fixed at creation." };

    public IEnumerable<Option> All => [Description, Roles, TenantRoles, PermittedIps, CustomClaims, ExpireTime, UserId];

    /// <summary>The flags given; a list is null when its flag was not given (update keeps the live value).</summary>
    public sealed record Values(
        string? Description,
        IReadOnlyList<string>? Roles,
        IReadOnlyList<(string TenantId, string? Role)>? TenantRoles,
        IReadOnlyList<string>? PermittedIps,
        IReadOnlyList<(string Name, string Value)>? CustomClaims,
        string? ExpireTime,
        string? UserId)
    {
        public bool Any => Description is not null || Roles is not null || TenantRoles is not null || PermittedIps is not null || CustomClaims is not null
            || ExpireTime is not null || UserId is not null;
    }

    public Values Read(ParseResult parse) => new(
        parse.GetValue(Description),
        List(parse, Roles),
        List(parse, TenantRoles)?.Select(SplitTenantRole).ToList(),
        List(parse, PermittedIps),
        List(parse, CustomClaims)?.Select(SplitClaim).ToList(),
        parse.GetValue(ExpireTime),
        parse.GetValue(UserId));

    private static List<string>? List(ParseResult parse, Option<string[]> option) =>
        parse.GetResult(option) is null ? null : (parse.GetValue(option) ?? []).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static Option<string[]> TenantRoleOption()
    {
        var option = new Option<string[]>("--tenant-role")
        {
            Description = "TENANT:ROLE, a role the key holds in a tenant, or TENANT alone for the tenant without roles (repeatable); on update the flags replace every tenant, --tenant-role '' removes them all.",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 0))
            {
                var (tenantId, role) = SplitTenantRole(token.Value);
                if (WireIds.PathProblem(tenantId) is { } problem)
                {
                    result.AddError($"--tenant-role '{WireIds.Printable(token.Value)}': '{WireIds.Printable(tenantId)}' cannot be a tenant ID: {problem}. Write TENANT:ROLE, e.g. acme:Viewer.");
                }
                else if (role is { Length: 0 })
                {
                    result.AddError($"--tenant-role '{WireIds.Printable(token.Value)}' names no role after the colon. Write TENANT:ROLE, or TENANT alone for the tenant without roles.");
                }
            }
        });
        return option;
    }

    private static Option<string[]> ClaimOption()
    {
        var option = new Option<string[]>("--custom-claim")
        {
            Description = "NAME=VALUE, a claim (text) added to the key's session tokens (repeatable); on update the flags replace every claim, --custom-claim '' removes them all.",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 0 && t.Value.IndexOf('=', StringComparison.Ordinal) < 1))
            {
                result.AddError($"--custom-claim '{WireIds.Printable(token.Value)}' is not NAME=VALUE, e.g. --custom-claim team=build.");
            }
        });
        return option;
    }

    private static (string TenantId, string? Role) SplitTenantRole(string value) =>
        value.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (value[..colon], value[(colon + 1)..]) : (value, null);

    private static (string Name, string Value) SplitClaim(string value) =>
        value.IndexOf('=', StringComparison.Ordinal) is var equals and > 0 ? (value[..equals], value[(equals + 1)..]) : (value, "");

    /// <summary>The document of a new key: every field access-key reads back, so the read-back compares whole.</summary>
    public static JsonObject NewKey(string name, Values values, TimeProvider time)
    {
        var key = new JsonObject { ["name"] = name, ["description"] = "", ["roles"] = new JsonArray(), ["permittedIps"] = new JsonArray() };
        return Apply(key, values, time);
    }

    /// <summary>Applies the given flags to a copy of <paramref name="key"/> (an access-key document); fields not given stay as they are.</summary>
    /// <exception cref="UserError">--expire-time is not a time, or not one in the future.</exception>
    public static JsonObject Apply(JsonObject key, Values values, TimeProvider time)
    {
        var result = (JsonObject)key.DeepClone();
        if (values.Description is { } description)
        {
            result["description"] = description;
        }

        if (values.Roles is { } roles)
        {
            result["roles"] = Texts(roles);
        }

        if (values.TenantRoles is { } tenantRoles)
        {
            result.Remove("tenants");
            if (tenantRoles.Count > 0)
            {
                var tenants = new JsonObject();
                foreach (var group in tenantRoles.GroupBy(t => t.TenantId, StringComparer.Ordinal))
                {
                    tenants[group.Key] = Texts(group.Select(t => t.Role).OfType<string>().Distinct(StringComparer.Ordinal));
                }

                result["tenants"] = tenants;
            }
        }

        if (values.PermittedIps is { } ips)
        {
            result["permittedIps"] = Texts(ips);
        }

        if (values.CustomClaims is { } claims)
        {
            result.Remove("customClaims");
            if (claims.Count > 0)
            {
                var custom = new JsonObject();
                foreach (var (name, value) in claims)
                {
                    custom[name] = value;
                }

                result["customClaims"] = custom;
            }
        }

        if (values.ExpireTime is { } expire)
        {
            result.Remove("expireTime");
            if (ParseExpireTime(expire, time) is > 0 and var seconds)
            {
                result["expireTime"] = seconds;
            }
        }

        if (values.UserId is { } userId)
        {
            result.Remove("userId");
            if (userId.Length > 0)
            {
                result["userId"] = userId;
            }
        }

        AccessKeyDocuments.Normalize(result);
        return result;
    }

    /// <summary>Unix seconds from an ISO 8601 time or a number of seconds; "" or 0 for never.</summary>
    private static long ParseExpireTime(string text, TimeProvider time)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        long seconds;
        if (text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            seconds = unix;
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            seconds = parsed.ToUnixTimeSeconds();
        }
        else
        {
            throw new UserError("invalid_expire_time", $"--expire-time '{WireIds.Printable(text)}' is neither an ISO 8601 time nor Unix seconds.",
                "For example: --expire-time 2027-01-31T00:00:00Z, or --expire-time 1801353600.");
        }

        if (seconds != 0 && seconds <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            throw new UserError("invalid_expire_time", $"--expire-time {WireIds.Printable(text)} is not in the future ({Rendering.TimeText.FromUnixSeconds(seconds)}): a key must expire later than now.",
                "Give a later time, or leave --expire-time out for a key that never expires.");
        }

        return seconds;
    }

    private static JsonArray Texts(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}

/// <summary>Finding a key by name, and what the access-key commands say about keys.</summary>
internal static class AccessKeyLookup
{
    public static ResourceKey Key(string name) => new(ResourceType.AccessKey, name);

    public static UserError NotFound(CommandContext context, string name) =>
        new("access_key_not_found", $"There is no access key named '{WireIds.Printable(name)}' in {context.Target.Describe()}.",
            "List the keys with `descope-mgmt access-key list`; a key is named by its name, as in access-keys.yaml.");

    /// <summary>
    /// The live key named <paramref name="name"/>, or null. Two keys sharing the name (made outside this tool) are an
    /// error, never a guess; <paramref name="orId"/> also accepts the service's key ID when no key has that name.
    /// </summary>
    public static async Task<ApiAccessKey?> FindAsync(DescopeClient client, string name, bool orId, CancellationToken cancellationToken)
    {
        var keys = await client.AccessKeys.SearchAsync(null, cancellationToken).ConfigureAwait(false);
        var named = keys.Where(k => k.Name == name).ToList();
        if (named.Count > 1)
        {
            throw AccessKeyKind.NameNotUnique(name, named[0].Id, named[1].Id);
        }

        return named.SingleOrDefault() ?? (orId ? keys.FirstOrDefault(k => k.Id == name) : null);
    }

    /// <summary>The live key, or the not-found error naming it.</summary>
    public static async Task<ApiAccessKey> RequireAsync(CommandContext context, DescopeClient client, string name, CancellationToken cancellationToken) =>
        await FindAsync(client, name, orId: false, cancellationToken).ConfigureAwait(false) ?? throw NotFound(context, name);

    /// <summary>"active" unless the service says otherwise ("inactive" once deactivated, "expired"...).</summary>
    public static string Status(ApiAccessKey key) => string.IsNullOrEmpty(key.Status) ? "active" : key.Status;

    /// <summary>A copy of the key's document with its status, which the document (like access-keys.yaml) leaves out.</summary>
    public static JsonObject WithStatus(JsonObject document, string status)
    {
        var result = (JsonObject)document.DeepClone();
        result["status"] = status;
        return result;
    }

    public static string? Time(long unixSeconds) => unixSeconds > 0 ? Rendering.TimeText.FromUnixSeconds(unixSeconds) : null;

    /// <summary>The key as list shows it. Never a secret: reads return none, and nothing here asks for one.</summary>
    public static JsonObject ListItem(ApiAccessKey key) => new()
    {
        ["name"] = key.Name,
        ["id"] = key.Id,
        ["status"] = Status(key),
        ["roles"] = Texts(key.RoleNames.Order(StringComparer.Ordinal)),
        ["tenants"] = Tenants(key),
        ["expiresAt"] = Time(key.ExpireTime),
        ["createdAt"] = Time(key.CreatedTime),
    };

    /// <summary>The key as get shows it: every field the service answers, times as ISO 8601 UTC, and no secret (reads have none).</summary>
    public static JsonObject View(ApiAccessKey key)
    {
        var view = new JsonObject
        {
            ["name"] = key.Name,
            ["id"] = key.Id,
            ["description"] = key.Description ?? "",
            ["status"] = Status(key),
            ["roles"] = Texts(key.RoleNames.Order(StringComparer.Ordinal)),
            ["tenants"] = Tenants(key),
            ["permittedIps"] = Texts(key.PermittedIps),
            ["customClaims"] = Object(key.CustomClaims),
            ["userId"] = string.IsNullOrEmpty(key.BoundUserId) ? null : key.BoundUserId,
            ["clientId"] = key.ClientId,
            ["createdBy"] = key.CreatedBy,
            ["createdAt"] = Time(key.CreatedTime),
            ["expiresAt"] = Time(key.ExpireTime),
        };
        if (key.CustomAttributes is { Count: > 0 } attributes)
        {
            view["customAttributes"] = Object(attributes);
        }

        return view;
    }

    private static JsonArray Tenants(ApiAccessKey key) =>
        new(key.KeyTenants.OrderBy(t => t.TenantId, StringComparer.Ordinal).Select(t => (JsonNode?)new JsonObject
        {
            ["tenantId"] = t.TenantId,
            ["roles"] = Texts(t.RoleNames.Order(StringComparer.Ordinal)),
        }).ToArray());

    private static JsonObject Object(Dictionary<string, System.Text.Json.JsonElement>? values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in (values ?? []).OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            result[name] = JsonNode.Parse(value.GetRawText());
        }

        return result;
    }

    private static JsonArray Texts(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
