using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Permission;

/// <summary>What update and delete require of the live permission before anything is backed up or written.</summary>
internal static class PermissionChecks
{
    /// <summary>The live permission; refuses one that does not exist or is built in (Descope manages those).</summary>
    public static JsonObject RequireChangeable(CommandContext context, ResourceKey key, JsonObject? found, string verb)
    {
        var current = found ?? throw SingleItemChange.NotFound(context, key);
        if (ResourceKinds.Permission.IsBuiltIn(current))
        {
            throw new UserError("permission_built_in", $"Permission '{key.Id}' is built in: Descope manages it, and it cannot be {verb}. Nothing was changed.",
                "Create a permission of your own with `descope-mgmt permission create NAME`, and grant that instead.");
        }

        return current;
    }
}
