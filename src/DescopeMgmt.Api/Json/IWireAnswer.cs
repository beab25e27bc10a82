namespace DescopeMgmt.Api.Json;

/// <summary>
/// An answer type that knows what a usable answer holds beyond its JSON shape: required lists present,
/// no null entries, entries with their ID. <see cref="Http.ApiTransport"/> refuses an answer with a problem.
/// </summary>
internal interface IWireAnswer
{
    /// <summary>What is wrong with this answer, or null when it can be used.</summary>
    string? Problem();
}

internal static class WireChecks
{
    /// <summary>A null inside a list of an answer's item would become a null role, IP, group or domain in plans and files, or a crash.</summary>
    public static string? NullIn<T>(string property, IReadOnlyList<T?>? items)
        where T : class
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is null)
            {
                return $"has a null entry at {property}[{i}]";
            }
        }

        return null;
    }

    /// <summary><see cref="NullIn"/> for each tenant's role names.</summary>
    public static string? NullRoleIn(string property, List<Tenants.TenantMembership> tenants) =>
        tenants.Select((t, i) => t is null ? null : NullIn($"{property}[{i}].roleNames", t.RoleNames)).FirstOrDefault(p => p is not null);

    /// <summary>A list the service always sends: missing or null is never read as empty.</summary>
    public static string? Entries<T>(string property, List<T>? items, Func<T, string?> id)
        where T : class =>
        Each(property, items, (item, i) =>
        {
            if (string.IsNullOrEmpty(id(item)))
            {
                return $"{property}[{i}] has no 'id'";
            }

            return WireIds.PathProblem(id(item)) is { } problem
                ? $"{property}[{i}] has the ID '{WireIds.Printable(id(item)!)}', which cannot name one item: {problem}"
                : null;
        });

    /// <summary>
    /// A list whose entries are identified by name within a scope (permissions; roles within their tenant):
    /// every entry has a name, and no name appears twice in one scope, since either would make the identity ambiguous.
    /// </summary>
    public static string? Named<T>(string property, List<T>? items, Func<T, string?> name, Func<T, string> scope, Func<T, string?>? entryProblem = null)
        where T : class
    {
        var seen = new HashSet<(string, string)>();
        return Each(property, items, (item, i) =>
        {
            if (WireIds.NameProblem(name(item)) is { } problem)
            {
                return name(item) is { Length: > 0 } shown
                    ? $"{property}[{i}] has the name '{WireIds.Printable(shown)}', which cannot be used: {problem}"
                    : $"{property}[{i}] has no 'name'";
            }

            if (!seen.Add((scope(item), name(item)!)))
            {
                return $"{property}[{i}] repeats the name '{name(item)}'{(scope(item).Length > 0 ? $" in '{WireIds.Printable(scope(item))}'" : "")}";
            }

            return entryProblem?.Invoke(item) is { } other ? $"{property}[{i}] {other}" : null;
        });
    }

    private static string? Each<T>(string property, List<T>? items, Func<T, int, string?> check)
        where T : class
    {
        if (items is null)
        {
            return $"'{property}' is null, not a list";
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return $"{property}[{i}] is null";
            }

            if (check(items[i], i) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}
