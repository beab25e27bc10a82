namespace DescopeMgmt.Api.Json;

/// <summary>
/// The names a batch delete sends. The service reads a batch delete without names as "delete every item", so
/// an empty name inside a filter is refused here rather than risk a filter that matches everything.
/// </summary>
internal static class BatchFilter
{
    public static List<string> Names(IReadOnlyCollection<string> names, string parameter)
    {
        var list = names.ToList();
        if (list.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A batch delete cannot name an empty name.", parameter);
        }

        return list.Distinct(StringComparer.Ordinal).ToList();
    }
}
