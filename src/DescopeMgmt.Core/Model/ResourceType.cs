namespace DescopeMgmt.Core.Model;

/// <summary>The kinds of live configuration descope-mgmt manages.</summary>
public enum ResourceType
{
    Flow,
    Theme,
    Tenant,
    Permission,
    Role,
    PasswordPolicy,

    /// <summary>Runtime data changed one at a time and backed up, never part of the workspace.</summary>
    User,

    /// <summary>After <see cref="User"/> so that the values of the types before it stay what they were.</summary>
    AccessKey,

    /// <summary>A tenant's SSO configuration; after <see cref="AccessKey"/> for the same reason.</summary>
    Sso,
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
    public bool CanBeAbsent => Kinds.ResourceKinds.Of(Type).CanDelete;

    public override string ToString() => $"{ResourceTypeNames.ToWire(Type)}:{Id}";
}

/// <summary>The wire names of the types, as their kinds give them.</summary>
public static class ResourceTypeNames
{
    public static string ToWire(ResourceType type) => Kinds.ResourceKinds.Of(type).Name;

    public static bool TryParse(string value, out ResourceType type)
    {
        var kind = Kinds.ResourceKinds.Find(value);
        type = kind?.Type ?? default;
        return kind is not null;
    }
}
