using System.Text;
using DescopeMgmt.Emulator;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Bench;

/// <summary>
/// design.md §9 apply workload: 1,000 tenant creates against an emulator limited to 500 requests per
/// 10 s, with the client paced by --rate-limit 500/10s. Reports the achieved request rate as a fraction
/// of the limit, failed items and 429s.
/// </summary>
internal static class ApplyTenantsBenchmark
{
    public static async Task RunAsync(int tenantCount)
    {
        var limit = new RateLimitSpec(500, TimeSpan.FromSeconds(10));
        await using var bench = await BenchHarness.StartAsync(new EmulatorOptions { ManagementKey = BenchHarness.Key, RateLimit = limit });
        var workspace = Path.Combine(bench.Root, "workspace");
        Directory.CreateDirectory(Path.Combine(workspace, "flows"));
        await File.WriteAllTextAsync(Path.Combine(workspace, "descope.yaml"), """
            version: 1
            environments:
              bench:
                projectId: P2BenchProject0000000000001
                managementKey: ${DESCOPE_MANAGEMENT_KEY}
            defaultEnvironment: bench
            manage: { flows: all, tenants: true, theme: false, deleteMissing: false }
            """);
        var yaml = new StringBuilder("tenants:\n");
        for (var i = 0; i < tenantCount; i++)
        {
            yaml.Append("  - { id: t").Append(i).Append(", name: \"Tenant ").Append(i).Append("\", selfProvisioningDomains: [t").Append(i).Append(".example.com] }\n");
        }

        await File.WriteAllTextAsync(Path.Combine(workspace, "tenants.yaml"), yaml.ToString());

        var (exit, wall, _, error) = await bench.RunAsync("apply", "-C", workspace, "--yes", "--rate-limit", "500/10s");
        var requests = bench.Host.Requests.Snapshot();
        var rate = requests.Count / wall.TotalSeconds;
        var allowed = limit.Permits / limit.Window.TotalSeconds;
        Console.WriteLine($"apply: {tenantCount} tenant creates, emulator limit {limit.Permits}/{limit.Window.TotalSeconds:0}s, client --rate-limit 500/10s");
        Console.WriteLine($"  exit code         {exit}{(exit == 0 ? "" : $": {error.Split('\n').FirstOrDefault(l => l.Contains("Error", StringComparison.Ordinal))}")}");
        var writes = requests.Count(r => r.Path == "/v1/mgmt/tenant/create");
        Console.WriteLine($"  requests          {requests.Count} ({writes} creates, {requests.Count - writes} other: {string.Join(", ", requests.Where(r => r.Path != "/v1/mgmt/tenant/create").GroupBy(r => r.Path).Select(g => $"{g.Count()} {g.Key}"))})");
        Console.WriteLine($"  writes/requests   {(double)writes / requests.Count:P1}");
        Console.WriteLine($"  wall time         {wall.TotalSeconds:0.0} s");
        Console.WriteLine($"  achieved rate     {rate:0.0} req/s = {rate / allowed:P0} of the allowed {allowed:0} req/s; writes alone {writes / wall.TotalSeconds / allowed:P0}");
        Console.WriteLine($"  failed items      {(exit == 0 ? 0 : "see exit code")}");
        Console.WriteLine($"  429 answers       {requests.Count(r => r.StatusCode == 429)}");
    }
}
