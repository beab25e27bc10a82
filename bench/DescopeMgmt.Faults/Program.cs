using System.Diagnostics;
using System.Globalization;
using DescopeMgmt.Faults;

// Usage: dotnet run -c Release --project bench/DescopeMgmt.Faults -- [--quick] [--cli PATH] [--only TEXT] [--log FILE]
// Prints one Markdown table; exits 1 when the half-applied-and-unreported or lost column is not zero, 2 when a
// scenario could not be run at all.
string? cliPath = null, only = null, log = null;
var quick = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": quick = true; break;
        case "--cli" when i + 1 < args.Length: cliPath = args[++i]; break;
        case "--only" when i + 1 < args.Length: only = args[++i]; break;
        case "--log" when i + 1 < args.Length: log = args[++i]; break;
        default:
            await Console.Error.WriteLineAsync($"unknown argument {args[i]}; usage: [--quick] [--cli PATH] [--only TEXT] [--log FILE]");
            return 64;
    }
}

var cli = Cli.Locate(cliPath);
RunLog.File = log;
const long hugeBytes = 300L * 1024 * 1024;
var scenarios = new List<(string Name, bool Quick, Func<Task<Row>> Run)>
{
    ("429 storm (--rate-limit 10/2s)", false, () => Scenarios.ApplyUnderFaultAsync(cli, "429 storm (--rate-limit 10/2s)", ["--rate-limit", "10/2s"], [])),
    ("5xx burst (--fault 503:0.3)", true, () => Scenarios.ApplyUnderFaultAsync(cli, "5xx burst (--fault 503:0.3)", ["--fault", "503:0.3"], [])),
    ("500 on one write", false, () => Scenarios.ApplyUnderFaultAsync(cli, "500 on one write", ["--fault", "500@/v1/mgmt/tenant/update#4"], [])),
    ("resets (--fault reset:0.2)", true, () => Scenarios.ApplyUnderFaultAsync(cli, "resets (--fault reset:0.2)", ["--fault", "reset:0.2"], [])),
    ("reset on one write", false, () => Scenarios.ApplyUnderFaultAsync(cli, "reset on one write", ["--fault", "reset@/v1/mgmt/tenant/update#3"], [])),
    ("500 on every flow read-back", false, () => Scenarios.ApplyUnderFaultAsync(cli, "500 on every flow read-back", ["--fault", "500@/v2/mgmt/flow/export"], [])),
    ("stalls (--fault stall:2s*6)", false, () => Scenarios.ApplyUnderFaultAsync(cli, "stalls (--fault stall:2s*6)", ["--fault", "stall:2s*6"], [])),
};
foreach (var (signal, name) in Scenarios.Signals.Append(Scenarios.Hangup))
{
    scenarios.Add(($"{name} mid-apply", name == "SIGTERM", () => Scenarios.SignalMidApplyAsync(cli, $"{name} mid-apply", signal)));
}

foreach (var (signal, name) in Scenarios.Signals)
{
    scenarios.Add(($"{name} mid-rollback", name == "SIGINT", () => Scenarios.SignalMidRollbackAsync(cli, $"{name} mid-rollback", signal)));
}

scenarios.Add(("SIGINT twice mid-apply", false, () => Scenarios.SignalMidApplyAsync(cli, "SIGINT twice mid-apply", 2, twice: true)));
scenarios.Add(("SIGINT during a 429 wait", false, () => Scenarios.SignalDuring429WaitAsync(cli, "SIGINT during a 429 wait")));
scenarios.Add(("two applies at once", true, () => Scenarios.ConcurrentAppliesAsync(cli, "two applies at once")));
scenarios.Add(("prune during apply", false, () => Scenarios.PruneDuringApplyAsync(cli, "prune during apply")));
foreach (var (kind, name, inQuick) in new[]
{
    (Hostility.Html, "hostile: HTML 200", true),
    (Hostility.NullEntries, "hostile: null entries", false),
    (Hostility.DropMidBody, "hostile: drop mid-body", false),
    (Hostility.HugeBody, "hostile: 300 MB answer", false),
    (Hostility.UnsafeIds, "hostile: ../../x IDs", true),
})
{
    scenarios.Add((name, inQuick, () => HostileScenarios.RunAsync(cli, name, kind, hugeBytes)));
}

var watch = Stopwatch.StartNew();
var rows = new List<Row>();
foreach (var (name, inQuick, run) in scenarios)
{
    if ((quick && !inQuick) || (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase)))
    {
        continue;
    }

    var started = watch.Elapsed;
    Row row;
    try
    {
        row = await run();
    }
    catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or TaskCanceledException)
    {
        // A scenario that cannot even be set up is reported, never silently dropped from the table.
        row = new Row(name, 0, 0, 0, 0, 0, "-", $"suite error: {ex.Message.Split('\n')[0]}");
    }

    rows.Add(row);
    await Console.Error.WriteLineAsync($"[{watch.Elapsed.TotalSeconds,6:0.0}s] {name}: {(watch.Elapsed - started).TotalSeconds:0.0}s");
}

Console.WriteLine($"Fault suite against `{string.Join(' ', cli.Command.Select(Path.GetFileName))}`{(quick ? " (--quick)" : "")}, {rows.Count} scenarios in {watch.Elapsed.TotalSeconds:0} s:");
Console.WriteLine();
Console.WriteLine("| scenario | items | done | failed | half-applied-and-unreported | lost | recovered by re-run or undo | notes |");
Console.WriteLine("|---|--:|--:|--:|--:|--:|---|---|");
foreach (var r in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Scenario} | {r.Items} | {r.Done} | {r.Failed} | {r.Unreported} | {r.Lost} | {r.Recovered} | {r.Notes.Replace("|", "\\|", StringComparison.Ordinal)} |"));
}

var bad = rows.Sum(r => r.Unreported + r.Lost);
Console.WriteLine();
Console.WriteLine($"Bad: {rows.Sum(r => r.Unreported)} half-applied-and-unreported, {rows.Sum(r => r.Lost)} lost.");
var suiteErrors = rows.Count(r => r.Notes.StartsWith("suite error", StringComparison.Ordinal));
return bad > 0 ? 1 : suiteErrors > 0 ? 2 : 0;
