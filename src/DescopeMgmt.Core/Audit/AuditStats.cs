namespace DescopeMgmt.Core.Audit;

/// <summary>What <c>audit stats</c> shows: counts by operation and by outcome, and the time span covered.</summary>
public sealed record AuditStats(
    int Total,
    IReadOnlyDictionary<string, int> ByOperation,
    IReadOnlyDictionary<string, int> ByOutcome,
    DateTimeOffset? First,
    DateTimeOffset? Last)
{
    public static AuditStats From(IEnumerable<AuditEntry> entries)
    {
        var list = entries.ToList();
        return new AuditStats(
            list.Count,
            CountBy(list, e => e.Operation),
            CountBy(list, e => e.Outcome),
            list.Count == 0 ? null : list.Min(e => e.Time),
            list.Count == 0 ? null : list.Max(e => e.Time));
    }

    private static SortedDictionary<string, int> CountBy(List<AuditEntry> entries, Func<AuditEntry, string> key) =>
        new(entries.GroupBy(key).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal);
}
