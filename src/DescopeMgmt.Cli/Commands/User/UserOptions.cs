using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.Users;

namespace DescopeMgmt.Cli.Commands.User;

/// <summary>The login-ID argument, the repeatable --role and --tenant flags and the messages shared by the user commands.</summary>
internal static class UserOptions
{
    public static Argument<string> LoginId(string description)
    {
        var argument = new Argument<string>("loginId") { Description = description };
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && (string.IsNullOrWhiteSpace(result.Tokens[^1].Value) || result.Tokens[^1].Value.Any(char.IsControl)))
            {
                result.AddError($"'{WireIds.Printable(result.Tokens[^1].Value)}' cannot be a login ID: it is blank or holds control characters.");
            }
        });
        return argument;
    }

    public static Option<string[]> Roles(string description) => new("--role") { Description = description, AllowMultipleArgumentsPerToken = false };

    public static Option<string[]> Tenants(string description)
    {
        var option = new Option<string[]>("--tenant") { Description = description };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (WireIds.PathProblem(token.Value) is { } problem)
                {
                    result.AddError($"'{WireIds.Printable(token.Value)}' cannot be a tenant ID: {problem}.");
                }
            }
        });
        return option;
    }

    /// <summary>The given values, blanks (<c>--role ''</c>, meaning none) and repeats left out.</summary>
    public static List<string> Values(string[]? given) => (given ?? []).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    public static UserError NotFound(CommandContext context, string loginId) =>
        new("user_not_found", $"User '{WireIds.Printable(loginId)}' does not exist in {context.Target.Describe()}.",
            $"Find users with `descope-mgmt user list --text {UndoCommands.Quote(loginId)}`; a user is named by one of its login IDs or its user ID.");

    /// <summary>The live user, or the not-found error naming the login ID.</summary>
    public static JsonObject Require(CommandContext context, string loginId, JsonObject? found) => found ?? throw NotFound(context, loginId);

    /// <summary>
    /// The user as <c>user get</c> shows it: the document with the creation time as an ISO-8601 UTC date
    /// (<c>createdAt</c>) instead of Unix seconds.
    /// </summary>
    public static JsonObject View(JsonObject document)
    {
        var view = new JsonObject();
        foreach (var (name, value) in document)
        {
            if (name == "createdTime")
            {
                continue;
            }

            view[name] = value?.DeepClone();
        }

        if (document["createdTime"] is JsonValue created && created.TryGetValue<long>(out var seconds) && seconds > 0)
        {
            view["createdAt"] = CreatedAt(seconds);
        }

        return view;
    }

    public static string CreatedAt(long unixSeconds) =>
        Rendering.TimeText.FromUnixSeconds(unixSeconds);

    /// <summary>A copy of the user whose roles in <paramref name="tenantId"/> (or the project's, without one) are <paramref name="roles"/>.</summary>
    public static JsonObject WithRoles(JsonObject user, string? tenantId, IReadOnlyList<string> roles)
    {
        var result = (JsonObject)user.DeepClone();
        var list = new JsonArray(roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        if (string.IsNullOrEmpty(tenantId))
        {
            result["roleNames"] = list;
            return result;
        }

        var tenants = result["userTenants"] as JsonArray ?? [];
        result["userTenants"] = tenants;
        var tenant = tenants.OfType<JsonObject>().FirstOrDefault(t => TenantId(t) == tenantId);
        if (tenant is null)
        {
            tenant = new JsonObject { ["tenantId"] = tenantId };
            tenants.Add((JsonNode)tenant);
        }

        tenant["roleNames"] = list;
        return result;
    }

    /// <summary>The user's roles in <paramref name="tenantId"/>, or the project's without one.</summary>
    public static List<string> RolesOf(JsonObject user, string? tenantId)
    {
        var holder = string.IsNullOrEmpty(tenantId)
            ? user
            : (user["userTenants"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(t => TenantId(t) == tenantId);
        return (holder?["roleNames"] as JsonArray ?? []).Select(r => r is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();
    }

    public static string? TenantId(JsonObject tenant) => tenant["tenantId"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static Core.Model.ResourceKey Key(string loginId) => UserKind.Key(loginId);
}
