namespace DescopeMgmt.Core.Kinds.PasswordPolicies;

/// <summary>The kind of value a password policy field holds.</summary>
public enum PasswordPolicyValueKind
{
    Bool,
    WholeNumber,
}

/// <summary>
/// One field of a password policy, named as the API names it. A whole number has bounds; one with a
/// <see cref="Switch"/> only counts while that flag is on, and 0 there means "not set" (what the service
/// answers for a count nobody configured).
/// </summary>
public sealed record PasswordPolicyField(string Name, PasswordPolicyValueKind Kind, string Description)
{
    public int Min { get; init; }

    public int Max { get; init; } = int.MaxValue;

    /// <summary>The flag that turns this count on, or null when it always counts.</summary>
    public string? Switch { get; init; }

    /// <summary>Why <paramref name="value"/> cannot be this field's value on its own, or null.</summary>
    public string? Problem(long value)
    {
        if (Kind != PasswordPolicyValueKind.WholeNumber || (value >= Min && value <= Max) || (Switch is not null && value == 0))
        {
            return null;
        }

        return Max == int.MaxValue ? $"{Name} must be at least {Min} (got {value})" : $"{Name} must be between {Min} and {Max} (got {value})";
    }
}
