namespace DescopeMgmt.Cli.Rendering;

/// <summary>Counts in words: "1 tenant", "2 tenants", never "tenant(s)".</summary>
internal static class Plural
{
    public static string Of(int count, string noun, string? plural = null) =>
        $"{count} {(count == 1 ? noun : plural ?? (noun.EndsWith('y') && !noun.EndsWith("ey", StringComparison.Ordinal) ? noun[..^1] + "ies" : noun + "s"))}";
}
