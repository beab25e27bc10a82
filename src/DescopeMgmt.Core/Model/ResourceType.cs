namespace DescopeMgmt.Core.Model;

/// <summary>The kinds of live configuration descope-mgmt manages.</summary>
public enum ResourceType
{
    Flow,
    Theme,
    Tenant,
}

/// <summary>Identifies one managed item; the theme has the fixed ID <c>theme</c>.</summary>
public readonly record struct ResourceKey(ResourceType Type, string Id)
{
    public const string ThemeId = "theme";

    public static ResourceKey Flow(string id) => new(ResourceType.Flow, id);

    public static ResourceKey Tenant(string id) => new(ResourceType.Tenant, id);

    public static ResourceKey Theme { get; } = new(ResourceType.Theme, ThemeId);

    /// <summary>
    /// Whether the item can be deleted, and so recorded in a backup as absent for a restore to remove:
    /// the theme is only ever replaced.
    /// </summary>
    public bool CanBeAbsent => Type != ResourceType.Theme;

    public override string ToString() => $"{ResourceTypeNames.ToWire(Type)}:{Id}";
}

public static class ResourceTypeNames
{
    public static string ToWire(ResourceType type) => type switch
    {
        ResourceType.Flow => "flow",
        ResourceType.Theme => "theme",
        ResourceType.Tenant => "tenant",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParse(string value, out ResourceType type)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "flow" or "flows":
                type = ResourceType.Flow;
                return true;
            case "theme" or "themes":
                type = ResourceType.Theme;
                return true;
            case "tenant" or "tenants":
                type = ResourceType.Tenant;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
