using System.Security.Cryptography;

namespace DescopeMgmt.Faults;

/// <summary>
/// Commands pointed at a <see cref="HostileServer"/> with a workspace and a backup already on disk. No
/// item can be done, so the row counts commands: failed = refused as it should, unreported = exit 0 on
/// the bad answer, lost = local files written or changed from it.
/// </summary>
internal static class HostileScenarios
{
    private static readonly string[][] Commands =
    [
        ["pull", "--force"],
        ["backup", "create", "--note", "hostile"],
        ["plan"],
        ["flow", "list"],
        ["tenant", "list"],
        ["flow", "export", "--all", "-o", "exported"],
    ];

    public static async Task<Row> RunAsync(Cli cli, string name, Hostility kind, long hugeBytes)
    {
        using var sandbox = new Sandbox(cli, Scenarios.Slug(name));
        var items = Fixture.Change(tenants: 2, created: 0, flows: 1, delete: false);
        Fixture.WriteWorkspace(sandbox.Workspace, items.Select(i => i with { Desired = i.Before }), deleteMissing: false);
        await using var server = new HostileServer(kind, hugeBytes, Path.Combine(sandbox.Root, "abs-x"));
        int refused = 0, exitZero = 0, written = 0;
        var notes = new List<string>();
        foreach (var command in Commands)
        {
            var before = Snapshot(sandbox.Root);
            var run = await sandbox.RunAsync(server.BaseUrl, TimeSpan.FromSeconds(30), command);
            var changed = Changes(before, Snapshot(sandbox.Root));
            var label = string.Join(' ', command.Take(2).Where(a => !a.StartsWith('-')));
            if (run.Exit == 0)
            {
                exitZero++;
                notes.Add($"{label}: exit 0");
            }
            else if (run.TimedOut)
            {
                notes.Add($"{label}: hung");
            }
            else if (run.All.Contains("This is a bug", StringComparison.Ordinal))
            {
                // Refused, but by a crash rather than an error naming the request: worth seeing, not a bad number.
                notes.Add($"{label}: crashed (\"This is a bug\")");
            }

            if (changed.Count > 0)
            {
                written += changed.Count;
                // Backup IDs carry the time: shown as <id> so the table reads the same from run to run.
                var shown = changed.Take(2).Select(f => System.Text.RegularExpressions.Regex.Replace(f, @"\d{8}T\d{6}Z-[0-9a-f]+", "<id>"));
                notes.Add($"{label} wrote {string.Join(", ", shown)}{(changed.Count > 2 ? $" +{changed.Count - 2}" : "")}");
            }

            if (run.Exit != 0 && !run.TimedOut && changed.Count == 0)
            {
                refused++;
            }

            RunLog.Write($"{name} / {string.Join(' ', command)}: exit {run.Exit}, wrote [{string.Join(", ", changed)}]\n  {run.All.Trim().Replace("\n", "\n  ", StringComparison.Ordinal)}");
        }

        return new Row(name, 0, 0, refused, exitZero, written, "-", notes.Count == 0 ? $"all {Commands.Length} commands refused with an error, nothing written" : string.Join("; ", notes));
    }

    /// <summary>Every file under the sandbox with its hash, but the audit log and locks (a refused command may record itself).</summary>
    private static Dictionary<string, string> Snapshot(string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.StartsWith(Path.Combine("home", "audit"), StringComparison.Ordinal) || relative.Contains("lock", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var stream = File.OpenRead(file);
            files[relative] = Convert.ToHexString(SHA256.HashData(stream));
        }

        return files;
    }

    private static List<string> Changes(Dictionary<string, string> before, Dictionary<string, string> after) =>
        [.. after.Where(f => !before.TryGetValue(f.Key, out var hash) || hash != f.Value).Select(f => f.Key)
            .Concat(before.Keys.Where(k => !after.ContainsKey(k)).Select(k => k + " (deleted)"))];
}
