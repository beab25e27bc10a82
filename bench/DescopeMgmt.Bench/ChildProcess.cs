using System.Diagnostics;

namespace DescopeMgmt.Bench;

/// <summary>Runs `descope-mgmt plan` as its own process so its peak memory is not mixed with the emulator's.</summary>
internal static class ChildProcess
{
    public static async Task<string> PeakMemoryOfPlanAsync(BenchHarness bench, string workspace)
    {
        // DESCOPE_MGMT_BIN may name the NativeAOT binary (dotnet publish ... -r linux-x64), as users run it.
        var aot = Environment.GetEnvironmentVariable("DESCOPE_MGMT_BIN");
        var dll = Path.Combine(AppContext.BaseDirectory, "descope-mgmt.dll");
        if (!File.Exists("/usr/bin/time") || (aot is null && !File.Exists(dll)))
        {
            return "n/a (/usr/bin/time or descope-mgmt.dll missing)";
        }

        string[] command = aot is null ? ["dotnet", dll] : [aot];

        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-f", "peak-rss-kb=%M" }.Concat(command).Concat(["plan", "-C", workspace, "-q"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DESCOPE_PROJECT_ID"] = BenchHarness.ProjectId;
        start.Environment["DESCOPE_MANAGEMENT_KEY"] = BenchHarness.Key;
        start.Environment["DESCOPE_BASE_URL"] = bench.Host.BaseUrl.ToString().TrimEnd('/');
        start.Environment["DESCOPE_MGMT_HOME"] = bench.Home;
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = error.Split('\n').FirstOrDefault(l => l.StartsWith("peak-rss-kb=", StringComparison.Ordinal));
        return line is null ? $"n/a ({error.Trim()})" : $"{long.Parse(line["peak-rss-kb=".Length..], System.Globalization.CultureInfo.InvariantCulture) / 1024.0:0} MB (separate process, {(aot is null ? "JIT runtime" : "NativeAOT binary")})";
    }
}
