using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DescopeMgmt.Faults;

/// <summary>A run of the CLI under test and the state it was asked to reach, so its claims can be checked against live.</summary>
internal sealed record JudgedRun(CliRun Run, IReadOnlyDictionary<string, string?> Desired, bool Killed = false);

/// <summary>One line of the table.</summary>
internal sealed record Row(string Scenario, int Items, int Done, int Failed, int Unreported, int Lost, string Recovered, string Notes);

/// <summary>
/// Decides, item by item, whether what the CLI said (stdout/stderr, exit code), what the audit log holds
/// and what the backups hold agree with what is live now. Every item lands in exactly one of done,
/// failed or half-applied-and-unreported; lost is counted on top (an item can be both).
/// </summary>
internal static partial class Judge
{
    public sealed record Verdict(int Done, int Failed, int Unreported, int Lost, List<string> Details);

    public static async Task<Verdict> JudgeAsync(Sandbox sandbox, IReadOnlyList<Item> items, Dictionary<string, string> live, IReadOnlyList<JudgedRun> runs)
    {
        var audit = await ReadJsonAsync(sandbox, "audit", "list");
        var backups = await ReadJsonAsync(sandbox, "backup", "list");
        int done = 0, failed = 0, unreported = 0, lost = 0;
        var details = new List<string>();
        foreach (var item in items)
        {
            var after = live.GetValueOrDefault(item.Key);
            var changed = after != item.Before;
            var claims = runs.Where(r => ClaimsDone(r, item.Key) || ClaimsUncertain(r, item.Key) || (r.Killed && AuditUnknownNames(audit, item.Key))).ToList();
            var audited = AuditNames(audit, item.Key);
            string? why = null;
            if (changed && !claims.Any(r => r.Desired.GetValueOrDefault(item.Key) == after))
            {
                why = "live changed, no report names it as done or as maybe changed";
            }
            else if (changed && !audited)
            {
                why = "live changed, no audit entry names it";
            }
            else if (changed && AuditOnlySaysFailed(audit, item.Key))
            {
                why = "live changed, yet every audit entry naming it says failed (nothing changed)";
            }
            else if (changed && runs.Any(r => SaysNothingChanged(r.Run) && (runs.Count == 1 || r.Desired.GetValueOrDefault(item.Key) == after)))
            {
                why = "live changed, yet the report says nothing was changed";
            }
            else if (runs.Any(r => r.Run.Exit == 0) && !runs.Any(r => r.Run.Exit == 0 && r.Desired.GetValueOrDefault(item.Key) == after))
            {
                why = "exit 0, yet not at the state asked for";
            }
            else if (!changed && runs.Any(r => ClaimsDone(r, item.Key) && r.Desired.GetValueOrDefault(item.Key) != item.Before))
            {
                why = "reported done, yet live is unchanged";
            }

            if (why is not null)
            {
                unreported++;
                details.Add($"{item.Key}: {why} (before {Show(item.Before)}, now {Show(after)})");
            }
            else if (!changed)
            {
                failed++;
            }
            else
            {
                done++;
            }

            // Every state that was live and is gone must be in some backup: the starting one, and any a
            // run reported as done that another run then overwrote.
            var overwritten = new List<string?> { item.Before };
            overwritten.AddRange(runs.Where(r => ClaimsDone(r, item.Key)).Select(r => r.Desired.GetValueOrDefault(item.Key)));
            var missing = overwritten.Where(s => s is not null && s != after).Distinct().Where(s => !BackupHolds(backups, item, s!)).ToList();
            if (missing.Count > 0)
            {
                lost++;
                details.Add($"{item.Key}: lost {string.Join(", ", missing.Select(Show))} (in no backup)");
            }
        }

        return new Verdict(done, failed, unreported, lost, details);
    }

    /// <summary>A "✓ verb KEY" success line or a "done  verb KEY" line of a partial report.</summary>
    public static bool ClaimsDone(JudgedRun run, string key) =>
        Lines(run.Run).Any(l => Names(l, key) && (l.TrimStart().StartsWith("done", StringComparison.OrdinalIgnoreCase) || l.Contains('✓', StringComparison.Ordinal)));

    /// <summary>An honest "may (or may not) have changed" naming the item.</summary>
    public static bool ClaimsUncertain(JudgedRun run, string key) =>
        Lines(run.Run).Any(l => Names(l, key) && l.Contains("may", StringComparison.OrdinalIgnoreCase));

    public static bool SaysNothingChanged(CliRun run) => run.All.Contains("Nothing was changed", StringComparison.OrdinalIgnoreCase);

    /// <summary>The item ID as a whole token, so t001 is not found inside t0010.</summary>
    public static bool Names(string line, string key) =>
        Regex.IsMatch(line, $@"(?<![\w-]){Regex.Escape(key)}(?![\w-])") ||
        Regex.IsMatch(line, $@"(?<![\w:-]){Regex.Escape(key[..key.IndexOf(':', StringComparison.Ordinal)])}\s+['""]?{Regex.Escape(key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..])}['""]?(?![\w-])");

    private static IEnumerable<string> Lines(CliRun run) => run.All.Split('\n');

    private static bool AuditNames(JsonNode? audit, string key) =>
        (audit?["items"]?.AsArray() ?? []).Any(e =>
            e?["outcome"]?.GetValue<string>() is not ("dry-run" or "aborted") &&
            (e?["targets"]?.AsArray() ?? []).Any(t => t?.GetValue<string>() == key));

    private static bool AuditOnlySaysFailed(JsonNode? audit, string key)
    {
        var outcomes = (audit?["items"]?.AsArray() ?? [])
            .Where(e => (e?["targets"]?.AsArray() ?? []).Any(t => t?.GetValue<string>() == key))
            .Select(e => e?["outcome"]?.GetValue<string>()).ToList();
        return outcomes.Count > 0 && outcomes.All(o => o == "failed");
    }

    /// <summary>A process killed outright cannot speak: the audit record it opened before changing anything is its report.</summary>
    private static bool AuditUnknownNames(JsonNode? audit, string key) =>
        (audit?["items"]?.AsArray() ?? []).Any(e =>
            e?["outcome"]?.GetValue<string>() is not ("success" or "failed" or "dry-run" or "aborted") &&
            (e?["targets"]?.AsArray() ?? []).Any(t => t?.GetValue<string>() == key));

    /// <summary>Some backup lists the item and its file there holds that state's name.</summary>
    private static bool BackupHolds(JsonNode? backups, Item item, string state)
    {
        var type = item.IsFlow ? "flow" : "tenant";
        foreach (var backup in backups?["items"]?.AsArray() ?? [])
        {
            if (backup?["path"]?.GetValue<string>() is not { } path ||
                !(backup["items"]?.AsArray() ?? []).Any(i => i?["type"]?.GetValue<string>() == type && i["id"]?.GetValue<string>() == item.Id))
            {
                continue;
            }

            var file = Path.Combine(path, item.IsFlow ? "flows" : "tenants", item.Id + ".json");
            if (File.Exists(file) && File.ReadAllText(file).Contains(System.Text.Json.JsonSerializer.Serialize(state, FaultsJson.Default.String), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<JsonNode?> ReadJsonAsync(Sandbox sandbox, params string[] command)
    {
        var run = await sandbox.RunAsync([.. command, "--output", "json"]);
        try
        {
            return JsonNode.Parse(run.Out);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Show(string? state) => state is null ? "absent" : $"'{state}'";
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class FaultsJson : System.Text.Json.Serialization.JsonSerializerContext;
