using System.Text.Json.Nodes;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// What a new Descope project holds before anyone configures it: the system-default permissions, the
/// "Tenant Admin" role that grants them, and the default password policy (minimum length 8, all four
/// character classes required, the method itself off).
/// </summary>
internal static class BuiltIns
{
    public const string TenantAdminRole = "Tenant Admin";

    private static readonly (string Name, string Description)[] SystemPermissions =
    [
        ("User Admin", "Allows managing users of a tenant"),
        ("SSO Admin", "Allows managing the SSO configuration of a tenant"),
        ("Impersonate", "Allows impersonating other users"),
    ];

    public static IEnumerable<JsonObject> Permissions() => SystemPermissions.Select(p => new JsonObject
    {
        ["id"] = NewId("PR"),
        ["name"] = p.Name,
        ["description"] = p.Description,
        ["systemDefault"] = true,
    });

    public static JsonObject Role() => new()
    {
        ["id"] = NewId("RL"),
        ["name"] = TenantAdminRole,
        ["description"] = "Tenant level admin",
        ["permissionNames"] = new JsonArray("User Admin", "SSO Admin"),
    };

    public static JsonObject PasswordSettings() => new()
    {
        ["enabled"] = false,
        ["minLength"] = 8,
        ["lowercase"] = true,
        ["uppercase"] = true,
        ["number"] = true,
        ["nonAlphanumeric"] = true,
        ["expiration"] = false,
        ["expirationWeeks"] = 0,
        ["reuse"] = false,
        ["reuseAmount"] = 0,
        ["lock"] = false,
        ["lockAttempts"] = 0,
        ["tempLock"] = false,
        ["tempLockAttempts"] = 0,
        ["tempLockDuration"] = 0,
        ["enablePasswordStrength"] = false,
        ["passwordStrengthScore"] = 0,
    };

    /// <summary>IDs look like the service's: a type prefix and random hex.</summary>
    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..26];
}
