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
    /// <summary>A list the service always sends: missing or null is never read as empty.</summary>
    public static string? Entries<T>(string property, List<T>? items, Func<T, string?> id)
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

            if (string.IsNullOrEmpty(id(items[i])))
            {
                return $"{property}[{i}] has no 'id'";
            }

            if (WireIds.PathProblem(id(items[i])) is { } problem)
            {
                return $"{property}[{i}] has the ID '{WireIds.Printable(id(items[i])!)}', which cannot name one item: {problem}";
            }
        }

        return null;
    }
}
