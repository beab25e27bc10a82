using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.Roles;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Role;

/// <summary>The role field flags shared by create and update, the --tenant flag that is part of a role's identity, and the checks before a change.</summary>
internal sealed class RoleFieldOptions
{
    public Option<string?> Description { get; } = new("--description") { Description = "What the role is for (\"\" removes it)." };

    public Option<string[]> Permissions { get; } = new("--permission")
    {
        Description = "A permission the role grants (repeatable); on update the flags replace the whole list, and --permission '' grants none.",
    };

    public Option<bool?> Default { get; } = new("--default") { Description = "Give the role to new users automatically (true/false)." };

    public Option<bool?> Private { get; } = new("--private") { Description = "Hide the role from tenant admins (true/false)." };

    public IEnumerable<Option> All => [Description, Permissions, Default, Private];

    /// <param name="Permissions">Null when no --permission was given (update keeps the list).</param>
    public sealed record Values(string? Description, IReadOnlyList<string>? Permissions, bool? Default, bool? Private);

    public Values Read(ParseResult parse) => new(
        parse.GetValue(Description),
        parse.GetResult(Permissions) is null ? null : (parse.GetValue(Permissions) ?? []).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
        parse.GetValue(Default),
        parse.GetValue(Private));

    /// <summary>`--tenant ID`: the tenant the role belongs to; without it, a project role.</summary>
    public static Option<string?> TenantOption(string description)
    {
        var option = new Option<string?>("--tenant") { Description = description };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && WireIds.PathProblem(result.Tokens[^1].Value) is { } problem)
            {
                result.AddError($"'{WireIds.Printable(result.Tokens[^1].Value)}' cannot be a tenant ID: {problem}.");
            }
        });
        return option;
    }

    /// <summary>The document of a new role: every field present, so the read-back compares whole.</summary>
    public static JsonObject NewRole(string? tenantId, string name, Values values)
    {
        var role = new JsonObject { ["name"] = name };
        if (!string.IsNullOrEmpty(tenantId))
        {
            role["tenant"] = tenantId;
        }

        role["description"] = "";
        role["permissions"] = new JsonArray();
        role["default"] = false;
        role["private"] = false;
        return Apply(role, values);
    }

    /// <summary>Applies the given flags to a copy of <paramref name="role"/>; fields not given stay as they are.</summary>
    public static JsonObject Apply(JsonObject role, Values values)
    {
        var result = (JsonObject)role.DeepClone();
        if (values.Description is { } description)
        {
            result["description"] = description;
        }

        if (values.Permissions is { } permissions)
        {
            result["permissions"] = new JsonArray(permissions.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        }

        if (values.Default is { } isDefault)
        {
            result["default"] = isDefault;
        }

        if (values.Private is { } isPrivate)
        {
            result["private"] = isPrivate;
        }

        return result;
    }

    public static UserError NotFound(CommandContext context, ResourceKey key) =>
        new("role_not_found", $"Role {RoleKind.Describe(key.Id)} does not exist in {context.Target.Describe()}.",
            RoleKind.Split(key.Id).TenantId is null
                ? "List roles with `descope-mgmt role list`; a tenant's role needs --tenant ID."
                : "List roles with `descope-mgmt role list`.");

    /// <summary>The live role; refuses one that does not exist or is built in (Descope manages those).</summary>
    public static JsonObject RequireChangeable(CommandContext context, ResourceKey key, JsonObject? found, string verb)
    {
        var current = found ?? throw NotFound(context, key);
        if (ResourceKinds.Role.IsBuiltIn(current))
        {
            throw new UserError("role_built_in", $"Role {RoleKind.Describe(key.Id)} is built in: Descope manages it, and it cannot be {verb}. Nothing was changed.",
                "Create a role of your own with `descope-mgmt role create NAME --permission ...`, and use that instead.");
        }

        return current;
    }
}
