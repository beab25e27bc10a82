using DescopeMgmt.Testing;

namespace DescopeMgmt.Emulator.Tests;

/// <summary>
/// Runs tests/conformance/conformance.mjs (the official @descope/node-sdk, pinned) against a real
/// emulator. Skipped only when node is missing and CI is not set; in CI a missing node fails.
/// </summary>
public sealed class NodeSdkConformanceTests
{
    [Fact]
    public async Task NodeSdk_everyEmulatedOperation_answersAsTheSdkExpects()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");

        const string key = "K2ConformanceKey0001";
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = key }, TestContext.Current.CancellationToken);
        var result = await NodeScripts.RunAsync(node!, "conformance.mjs", new Dictionary<string, string>
        {
            ["DESCOPE_BASE_URL"] = host.BaseUrl.ToString().TrimEnd('/'),
            ["DESCOPE_PROJECT_ID"] = "P2ConformanceProject0001",
            ["DESCOPE_MANAGEMENT_KEY"] = key,
        });

        Assert.True(result.ExitCode == 0, $"conformance.mjs failed:\n{result.Output}");
        Assert.Contains("all conformance checks passed", result.Output, StringComparison.Ordinal);
        Assert.True(host.Requests.Count > 20, "the SDK reached the emulator");
    }
}
