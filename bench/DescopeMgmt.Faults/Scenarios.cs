namespace DescopeMgmt.Faults;

/// <summary>The scenarios. Each runs in its own <see cref="Sandbox"/> and ends as one <see cref="Row"/>.</summary>
internal static class Scenarios
{
    private const int SigHup = 1;
    private const int SigInt = 2;
    private const int SigKill = 9;
    private const int SigTerm = 15;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    /// <summary>apply of the standard change while the emulator misbehaves (its options), then judged on a clean restart.</summary>
    public static async Task<Row> ApplyUnderFaultAsync(Cli cli, string name, string[] emulatorOptions, string[] cliOptions)
    {
        using var sandbox = new Sandbox(cli, Slug(name));
        var items = Fixture.Change(tenants: 12, created: 3, flows: 4, delete: true);
        await SeedAsync(sandbox, items);
        Fixture.WriteWorkspace(sandbox.Workspace, items, deleteMissing: true);
        string[] command = ["apply", "--yes"];
        CliRun run;
        await using (var faulty = await sandbox.StartEmulatorAsync(emulatorOptions))
        {
            run = await sandbox.RunAsync(faulty.BaseUrl, RunTimeout, [.. command, .. cliOptions]);
        }

        return await FinishAsync(sandbox, name, items, [new JudgedRun(run, Desired(items))], command);
    }

    /// <summary>A slow apply (client paced) signalled once the suite sees items done live.</summary>
    public static async Task<Row> SignalMidApplyAsync(Cli cli, string name, int signal, bool twice = false)
    {
        using var sandbox = new Sandbox(cli, Slug(name));
        var items = Fixture.Change(tenants: 16, created: 2, flows: 4, delete: true);
        await SeedAsync(sandbox, items);
        Fixture.WriteWorkspace(sandbox.Workspace, items, deleteMissing: true);
        string[] command = ["apply", "--yes"];
        JudgedRun run;
        await using (var emulator = await sandbox.StartEmulatorAsync())
        {
            run = await SignalWhenAsync(sandbox, emulator.BaseUrl, [.. command, "--rate-limit", "4/1s"], items, 3, signal, twice);
        }

        return await FinishAsync(sandbox, name, items, [run], command);
    }

    /// <summary>`flow rollback --all --latest` after an apply, signalled once flows are seen back; re-running it must finish it.</summary>
    public static async Task<Row> SignalMidRollbackAsync(Cli cli, string name, int signal)
    {
        using var sandbox = new Sandbox(cli, Slug(name));
        var applied = Fixture.Change(tenants: 0, created: 0, flows: 10, delete: false);
        await SeedAsync(sandbox, applied);
        Fixture.WriteWorkspace(sandbox.Workspace, applied, deleteMissing: false);
        string[] command = ["flow", "rollback", "--all", "--latest", "--yes"];
        var items = applied.Select(i => new Item(i.Key, i.Desired, i.Before)).ToList();
        JudgedRun run;
        await using (var emulator = await sandbox.StartEmulatorAsync())
        {
            var apply = await sandbox.RunAsync(emulator.BaseUrl, RunTimeout, "apply", "--yes");
            if (apply.Exit != 0)
            {
                return new Row(name, items.Count, 0, 0, 0, 0, "-", $"setup apply failed (exit {apply.Exit}): {FirstError(apply)}");
            }

            run = await SignalWhenAsync(sandbox, emulator.BaseUrl, [.. command, "--rate-limit", "3/1s"], items, 2, signal);
        }

        return await FinishAsync(sandbox, name, items, [run], command);
    }

    /// <summary>Two applies of different workspaces (v2 and v3) on the same project at the same moment.</summary>
    public static async Task<Row> ConcurrentAppliesAsync(Cli cli, string name)
    {
        using var sandbox = new Sandbox(cli, Slug(name));
        var first = Fixture.Change(tenants: 12, created: 2, flows: 3, delete: false, to: "v2");
        var second = Fixture.Change(tenants: 12, created: 2, flows: 3, delete: false, to: "v3");
        await SeedAsync(sandbox, first);
        var otherWorkspace = Path.Combine(sandbox.Root, "a", "b", "ws2");
        Directory.CreateDirectory(otherWorkspace);
        Fixture.WriteWorkspace(sandbox.Workspace, first, deleteMissing: false);
        Fixture.WriteWorkspace(otherWorkspace, second, deleteMissing: false);
        string[] command = ["apply", "--yes", "-C", otherWorkspace];
        CliRun a, b;
        await using (var emulator = await sandbox.StartEmulatorAsync())
        {
            using var one = sandbox.Start(emulator.BaseUrl, "apply", "--yes", "--rate-limit", "10/1s");
            using var two = sandbox.Start(emulator.BaseUrl, [.. command, "--rate-limit", "10/1s"]);
            var (exitOne, outOne) = await one.WaitAsync(RunTimeout);
            var (exitTwo, outTwo) = await two.WaitAsync(RunTimeout);
            a = new CliRun(["apply", "--yes"], exitOne, one.Out, one.Error, outOne);
            b = new CliRun(command, exitTwo, two.Out, two.Error, outTwo);
        }

        return await FinishAsync(sandbox, name, second, [new JudgedRun(a, Desired(first)), new JudgedRun(b, Desired(second))], command);
    }

    /// <summary>`backup prune --keep 0 --older-than 1ms` while a slow apply runs: the apply's own backup is the only copy of the old state.</summary>
    public static async Task<Row> PruneDuringApplyAsync(Cli cli, string name)
    {
        using var sandbox = new Sandbox(cli, Slug(name));
        var items = Fixture.Change(tenants: 14, created: 2, flows: 2, delete: true);
        await SeedAsync(sandbox, items);
        Fixture.WriteWorkspace(sandbox.Workspace, items, deleteMissing: true);
        string[] command = ["apply", "--yes"];
        CliRun run, prune;
        await using (var emulator = await sandbox.StartEmulatorAsync())
        {
            using var apply = sandbox.Start(emulator.BaseUrl, [.. command, "--rate-limit", "4/1s"]);
            await WaitForDoneLiveAsync(emulator.BaseUrl, apply, items, 2);
            prune = await sandbox.RunAsync(emulator.BaseUrl, RunTimeout, "backup", "prune", "--keep", "0", "--older-than", "1ms", "--yes");
            var (exit, timedOut) = await apply.WaitAsync(RunTimeout);
            run = new CliRun(command, exit, apply.Out, apply.Error, timedOut);
        }

        RunLog.Write($"{name} / backup prune: exit {prune.Exit}\n  {prune.All.Trim()}");

        return await FinishAsync(sandbox, name, items, [new JudgedRun(run, Desired(items))], command, $"prune exit {prune.Exit}");
    }

    private static async Task<JudgedRun> SignalWhenAsync(Sandbox sandbox, Uri baseUrl, string[] args, List<Item> items, int doneBefore, int signal, bool twice = false)
    {
        using var child = sandbox.Start(baseUrl, args);
        await WaitForDoneLiveAsync(baseUrl, child, items, doneBefore);
        child.Signal(signal);
        if (twice)
        {
            // The second Ctrl-C of an impatient user, while the first is still winding down.
            await child.WaitForLineAsync(l => l.Contains("Interrupt", StringComparison.OrdinalIgnoreCase), TimeSpan.FromMilliseconds(300));
            child.Signal(signal);
        }

        var (exit, timedOut) = await child.WaitAsync(TimeSpan.FromSeconds(45));
        return new JudgedRun(new CliRun(args, exit, child.Out, child.Error, timedOut), Desired(items), Killed: signal == SigKill || twice);
    }

    /// <summary>
    /// Ctrl-C while the CLI waits out a 429 (the emulator allows 8 requests per 30 s, so Retry-After is long):
    /// the wait must end at the signal. The note gives how long the process took to exit after it.
    /// </summary>
    public static async Task<Row> SignalDuring429WaitAsync(Cli cli, string name)
    {
        using var sandbox = new Sandbox(cli, Slug(name));
        var items = Fixture.Change(tenants: 10, created: 0, flows: 0, delete: false);
        await SeedAsync(sandbox, items);
        Fixture.WriteWorkspace(sandbox.Workspace, items, deleteMissing: false);
        string[] command = ["apply", "--yes"];
        JudgedRun run;
        TimeSpan reaction;
        await using (var emulator = await sandbox.StartEmulatorAsync("--rate-limit", "8/30s"))
        {
            string[] args = [.. command, "-v"];
            using var child = sandbox.Start(emulator.BaseUrl, args);
            // -v logs each request with its status: the first 429 means the CLI is now waiting.
            await child.WaitForLineAsync(l => l.Contains(" 429", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            var signalled = DateTimeOffset.UtcNow;
            child.Signal(SigInt);
            var (exit, timedOut) = await child.WaitAsync(TimeSpan.FromSeconds(90));
            reaction = DateTimeOffset.UtcNow - signalled;
            run = new JudgedRun(new CliRun(args, exit, child.Out, child.Error, timedOut), Desired(items));
        }

        return await FinishAsync(sandbox, name, items, [run], command, $"exited {reaction.TotalSeconds:0.0} s after the signal");
    }

    /// <summary>Polls live (not a fixed sleep) until <paramref name="count"/> items are at their desired state, or the run ended.</summary>
    private static async Task WaitForDoneLiveAsync(Uri baseUrl, ChildProcess child, List<Item> items, int count)
    {
        using var api = new LiveApi(baseUrl);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (!child.HasExited && DateTimeOffset.UtcNow < deadline)
        {
            var live = await api.ReadAsync();
            if (items.Count(i => live.GetValueOrDefault(i.Key) == i.Desired) >= count)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Judges on a clean emulator over the same data, then re-runs the command (or the printed undo) and checks the end state.</summary>
    private static async Task<Row> FinishAsync(Sandbox sandbox, string name, List<Item> items, IReadOnlyList<JudgedRun> runs, string[] recovery, string? extraNote = null)
    {
        await using var clean = await sandbox.StartEmulatorAsync();
        using var api = new LiveApi(clean.BaseUrl);
        var live = await api.ReadAsync();
        var verdict = await Judge.JudgeAsync(sandbox, items, live, runs);

        string recovered;
        var rerun = await sandbox.RunAsync(clean.BaseUrl, RunTimeout, recovery);
        var afterRerun = await api.ReadAsync();
        var off = items.Count(i => afterRerun.GetValueOrDefault(i.Key) != i.Desired);
        if (off == 0)
        {
            recovered = "yes (re-run)";
        }
        else if (runs.Select(r => UndoCommand(r.Run)).FirstOrDefault(u => u is not null) is { } undo)
        {
            // The re-run left it wrong; the printed undo must at least bring back the starting state.
            await sandbox.RunAsync(clean.BaseUrl, RunTimeout, undo);
            var afterUndo = await api.ReadAsync();
            var undoOff = items.Count(i => afterUndo.GetValueOrDefault(i.Key) != i.Before);
            recovered = undoOff == 0 ? "yes (undo)" : $"no: re-run left {off}, undo {undoOff} wrong";
        }
        else
        {
            recovered = $"no: re-run (exit {rerun.Exit}) left {off} wrong, no undo printed";
        }

        var notes = string.Join("; ", new[]
        {
            string.Join(", ", runs.Select(r => r.Run.TimedOut ? "hung, killed" : $"exit {r.Run.Exit}")),
            extraNote,
            verdict.Details.Count > 0 ? verdict.Details[0] + (verdict.Details.Count > 1 ? $" (+{verdict.Details.Count - 1})" : "") : null,
        }.Where(s => !string.IsNullOrEmpty(s)));
        RunLog.Write($"{name}:\n  " + string.Join("\n  ", verdict.Details.DefaultIfEmpty("all consistent")) +
            string.Concat(runs.Select(r => $"\n  --- {string.Join(' ', r.Run.Args)} exit {r.Run.Exit}\n  " + r.Run.All.Trim().Replace("\n", "\n  ", StringComparison.Ordinal))));
        return new Row(name, items.Count, verdict.Done, verdict.Failed, verdict.Unreported, verdict.Lost, recovered, notes);
    }

    /// <summary>The command after "To undo:", as arguments for the CLI (its leading program name dropped).</summary>
    private static string[]? UndoCommand(CliRun run)
    {
        var line = run.All.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("To undo", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var text = line[(line.IndexOf("descope-mgmt ", StringComparison.Ordinal) is var i and >= 0 ? i + "descope-mgmt ".Length : line.Length)..];
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is null && c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = null;
            }
            else if (quote is null && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    args.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            args.Add(current.ToString().TrimEnd('`', '.'));
        }

        return args.Count == 0 ? null : [.. args.Select(a => a.Trim('`'))];
    }

    private static async Task SeedAsync(Sandbox sandbox, List<Item> items)
    {
        await using var clean = await sandbox.StartEmulatorAsync();
        await Fixture.SeedAsync(clean.BaseUrl, items);
    }

    private static Dictionary<string, string?> Desired(List<Item> items) => items.ToDictionary(i => i.Key, i => i.Desired, StringComparer.Ordinal);

    private static string FirstError(CliRun run) => run.Error.Split('\n').FirstOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal)) ?? run.Error.Trim();

    internal static string Slug(string name) => new([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    public static readonly (int Signal, string Name)[] Signals = [(SigInt, "SIGINT"), (SigTerm, "SIGTERM"), (SigKill, "SIGKILL")];

    public static readonly (int Signal, string Name) Hangup = (SigHup, "SIGHUP");
}
