using System.Text.Json.Nodes;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Bench;

/// <summary>
/// Issue 4's figure: `flow rollback --all --latest` of 50 real-sized flows (10 to 200 tasks, with
/// screens) against the emulator, after each flow was changed by an import.
/// </summary>
internal static class RollbackBenchmark
{
    public static async Task RunAsync(int flowCount)
    {
        await using var bench = await BenchHarness.StartAsync();
        var random = new Random(42);
        long bytes = 0;
        using (var client = bench.Client())
        {
            for (var i = 0; i < flowCount; i++)
            {
                var id = $"flow-{i:D3}";
                var flow = FlowGenerator.Create(id, taskCount: random.Next(10, 201), seed: i);
                bytes += flow.ToJsonString().Length;
                await client.Flows.ImportAsync(id, flow);
            }
        }

        Require(await bench.RunAsync("backup", "create", "--only", "flows", "--note", "bench baseline"), "backup create");
        using (var client = bench.Client())
        {
            for (var i = 0; i < flowCount; i++)
            {
                var id = $"flow-{i:D3}";
                var flow = await client.Flows.ExportAsync(id);
                flow["metadata"]!["name"] = $"changed {id}";
                await client.Flows.ImportAsync(id, flow);
            }
        }

        bench.Host.Requests.Clear();
        var (exit, wall, _, error) = await bench.RunAsync("flow", "rollback", "--all", "--latest", "--yes");
        if (exit != 0)
        {
            throw new InvalidOperationException($"rollback failed ({exit}): {error}");
        }

        var requests = bench.Host.Requests.Snapshot();
        Console.WriteLine($"flow rollback --all --latest: {flowCount} flows, {bytes / 1024.0 / flowCount:0.0} KB mean flow size");
        Console.WriteLine($"  wall time      {wall.TotalMilliseconds:0} ms ({wall.TotalMilliseconds / flowCount:0.0} ms per flow)");
        var imports = requests.Count(r => r.Path.EndsWith("/import", StringComparison.Ordinal));
        Console.WriteLine($"  API requests   {requests.Count} ({imports} imports, {requests.Count - imports} other: {string.Join(", ", requests.Where(r => !r.Path.EndsWith("/import", StringComparison.Ordinal)).GroupBy(r => r.Path).Select(g => $"{g.Count()} {g.Key}"))})");
    }

    private static void Require((int Exit, TimeSpan Wall, string Out, string Error) result, string what)
    {
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"{what} failed: {result.Error}");
        }
    }
}
