using DescopeMgmt.Core.Model;
using System.Diagnostics;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Bench;

/// <summary>
/// design.md §9 plan workload: 300 flows of 10 to 200 tasks with screens and 5,000 tenants. Reports the
/// API calls, the wall time of `plan`, the local work (workspace load + diff) and peak memory of a
/// separate `descope-mgmt plan` process.
/// </summary>
internal static class PlanBenchmark
{
    public static async Task RunAsync(int flowCount, int tenantCount, int permissionCount, int roleCount)
    {
        await using var bench = await BenchHarness.StartAsync();
        var random = new Random(7);
        long flowBytes = 0;
        using (var client = bench.Client())
        {
            for (var i = 0; i < flowCount; i++)
            {
                var flow = FlowGenerator.Create($"flow-{i:D3}", random.Next(10, 201), seed: i);
                flowBytes += flow.ToJsonString().Length;
                await client.Flows.ImportAsync($"flow-{i:D3}", flow);
            }

            await Parallel.ForAsync(0, tenantCount, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
                await client.Tenants.CreateAsync(new TenantWrite
                {
                    Id = $"tenant-{i:D4}",
                    Name = $"Tenant {i:D4}",
                    SelfProvisioningDomains = [$"t{i}.example.com"],
                    CustomAttributes = new System.Text.Json.Nodes.JsonObject { ["plan"] = i % 3 == 0 ? "enterprise" : "pro" },
                }, ct));

            // Permissions and roles arrive in batches, as a team's first import would send them; a tenth of
            // the roles are tenant roles, each naming three permissions.
            await client.Permissions.CreateBatchAsync(Enumerable.Range(0, permissionCount)
                .Select(i => new Api.Permissions.PermissionWrite { Name = $"perm-{i:D3}", Description = $"Permission {i}" }).ToList());
            await client.Roles.CreateBatchAsync(Enumerable.Range(0, roleCount).Select(i => new Api.Roles.RoleWrite
            {
                Name = $"role-{i:D3}",
                Description = $"Role {i}",
                PermissionNames = permissionCount == 0 ? [] : [.. Enumerable.Range(0, 3).Select(p => $"perm-{(i + p * 7) % permissionCount:D3}").Distinct()],
                TenantId = i % 10 == 0 && tenantCount > 0 ? $"tenant-{i % tenantCount:D4}" : null,
            }).ToList());
        }

        var workspace = Path.Combine(bench.Root, "workspace");
        Directory.CreateDirectory(workspace);
        var init = await bench.RunAsync("init", "--from-live", "-C", workspace);
        if (init.Exit != 0)
        {
            throw new InvalidOperationException(init.Error);
        }

        // One real edit so the plan has something to say.
        var edited = Path.Combine(workspace, "flows", "flow-007.json");
        await File.WriteAllTextAsync(edited, (await File.ReadAllTextAsync(edited)).Replace("Generated flow-007", "Edited flow-007", StringComparison.Ordinal));

        bench.Host.Requests.Clear();
        var plan = await bench.RunAsync("plan", "-C", workspace);
        var calls = bench.Host.Requests.Count;

        // Local work alone, in-process: read the workspace and diff it against live already fetched.
        using var client2 = bench.Client();
        var live = await new LiveSnapshotReader(client2).ReadAsync(PlanScope.All.Types, null, CancellationToken.None);
        var loadWatch = Stopwatch.StartNew();
        var loaded = WorkspaceLoader.Load(workspace, null, _ => null).EnsureValid();
        loadWatch.Stop();
        var diffWatch = Stopwatch.StartNew();
        var result = Planner.Create(loaded, live, PlanScope.All);
        diffWatch.Stop();
        var warmWatch = Stopwatch.StartNew();
        Planner.Create(loaded, live, PlanScope.All);
        warmWatch.Stop();
        var flowsWatch = Stopwatch.StartNew();
        Planner.Create(loaded, live, new PlanScope(new HashSet<ResourceType> { ResourceType.Flow }));
        flowsWatch.Stop();
        PlanInputs.Of(loaded, live, PlanScope.All.Types);
        var inputsWatch = Stopwatch.StartNew();
        var inputs = PlanInputs.Of(loaded, live, PlanScope.All.Types);
        inputsWatch.Stop();

        var floor = await ParseFloorAsync(bench, workspace);
        var local = loadWatch.Elapsed + warmWatch.Elapsed;
        var peak = await ChildProcess.PeakMemoryOfPlanAsync(bench, workspace);
        Console.WriteLine($"plan: {flowCount} flows ({flowBytes / 1024.0 / 1024.0:0.0} MB, {flowBytes / 1024.0 / flowCount:0.0} KB mean), {tenantCount} tenants, {permissionCount} permissions, {roleCount} roles");
        Console.WriteLine($"  exit code         {plan.Exit} ({result.Summary})");
        Console.WriteLine($"  API calls         {calls}");
        Console.WriteLine($"  wall time         {plan.Wall.TotalMilliseconds:0} ms (in-process, includes reading live over loopback)");
        Console.WriteLine($"  local: load ws    {loadWatch.Elapsed.TotalMilliseconds:0} ms");
        Console.WriteLine($"  local: diff       {diffWatch.Elapsed.TotalMilliseconds:0} ms first run (JIT), {warmWatch.Elapsed.TotalMilliseconds:0} ms warm ({flowsWatch.Elapsed.TotalMilliseconds:0} ms of it flows)");
        Console.WriteLine($"  saved-plan inputs {inputsWatch.Elapsed.TotalMilliseconds:0} ms warm: fingerprints of {inputs.Live.Count} live and {inputs.Workspace.Count} workspace items (only plan --out, --format markdown, apply PLANFILE)");
        Console.WriteLine($"  parse floor       {floor.Elapsed.TotalMilliseconds:0} ms: JsonDocument.Parse alone over the same {floor.Bytes / 1024.0 / 1024.0:0.0} MB (workspace JSON + live answers), warm");
        Console.WriteLine($"  plan vs floor     {local.TotalMilliseconds / floor.Elapsed.TotalMilliseconds:0.0}x (load + warm diff = {local.TotalMilliseconds:0} ms)");
        Console.WriteLine($"  peak memory       {peak}");
    }

    /// <summary>
    /// The least any plan must spend locally: parsing every byte it compares once (the workspace's JSON files
    /// and the two live answers), with nothing else; the best of three runs, so the JIT is out of it.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, long Bytes)> ParseFloorAsync(BenchHarness bench, string workspace)
    {
        var documents = Directory.EnumerateFiles(workspace, "*.json", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        using var http = new HttpClient { BaseAddress = bench.Host.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"{BenchHarness.ProjectId}:{BenchHarness.Key}");
        using (var snapshot = await http.PostAsync("/v1/mgmt/project/snapshot/export", new StringContent("{}")))
        {
            documents.Add(await snapshot.Content.ReadAsByteArrayAsync());
        }

        documents.Add(await http.GetByteArrayAsync("/v1/mgmt/tenant/all"));
        documents.Add(await http.GetByteArrayAsync("/v1/mgmt/permission/all"));
        documents.Add(await http.GetByteArrayAsync("/v1/mgmt/role/all"));
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var bytes in documents)
            {
                using var document = System.Text.Json.JsonDocument.Parse(bytes);
            }

            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        return (best, documents.Sum(d => (long)d.Length));
    }
}
