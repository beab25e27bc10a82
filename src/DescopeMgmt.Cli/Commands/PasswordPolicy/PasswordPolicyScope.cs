using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.PasswordPolicies;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.PasswordPolicy;

/// <summary>Whose policy a command acts on: the project's, or one tenant's with <c>--tenant ID</c>.</summary>
internal static class PasswordPolicyScope
{
    public static Option<string?> CreateTenantOption(string verb) =>
        new("--tenant") { Description = $"The tenant whose policy to {verb}; without it, the project's.", HelpName = "ID" };

    /// <exception cref="UserError"><c>--tenant</c> was given blank.</exception>
    public static ResourceKey Key(string? tenantId) => tenantId is not null && string.IsNullOrWhiteSpace(tenantId)
        ? throw new UserError("invalid_tenant", "--tenant needs a tenant ID.", "Leave --tenant out for the project's policy, or list tenants with `descope-mgmt tenant list`.")
        : PasswordPolicyKind.Key(tenantId);

    /// <summary>The policy read through the kind; a policy reads as absent only when its tenant does not exist.</summary>
    public static JsonObject Require(JsonObject? policy, ResourceKey key, CommandContext context) =>
        policy ?? throw new UserError("tenant_not_found",
            $"Tenant '{ItemIds.Printable(PasswordPolicyKind.TenantOf(key.Id) ?? "")}' does not exist in {context.Target.Describe()}, so it has no password policy.",
            "List tenants with `descope-mgmt tenant list`.");

    public static string Describe(ResourceKey key) =>
        PasswordPolicyKind.TenantOf(key.Id) is { } tenantId ? $"tenant '{ItemIds.Printable(tenantId)}'" : "the project";
}
