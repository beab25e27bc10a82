using System.Text.Json.Nodes;
using DescopeMgmt.Cli.Tests.Workflows;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// The install path users take: `dotnet pack` makes the descope-mgmt tool package (<see cref="PackedTool"/>, once
/// per run, from the build under test), `dotnet tool install` puts it in a tool folder from that folder as the only
/// source (it works offline), and the installed command runs. Slow (a pack and an install, processes of their
/// own), and it runs with the rest in CI.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ToolPackageTests
{
    [Fact]
    public async Task Pack_installedFromALocalFolder_runsVersionAndACommandAgainstTheEmulator()
    {
        using var temp = new TempDirectory();
        var tools = temp.Combine("tools");
        var feed = await PackedTool.FeedAsync();
        Assert.Single(Directory.GetFiles(feed, "descope-mgmt.*.nupkg"));

        // The folder the pack wrote is the only package source, and a proxy that refuses every connection
        // shows that installing needs no network.
        var offline = new Dictionary<string, string?> { ["HTTPS_PROXY"] = "http://127.0.0.1:9", ["HTTP_PROXY"] = "http://127.0.0.1:9" };
        var install = await ChildProcess.RunAsync("dotnet", ["tool", "install", "descope-mgmt", "--tool-path", tools, "--source", feed],
            offline, temp.Path, TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, install.All);

        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "descope-mgmt.exe" : "descope-mgmt");
        var version = await ChildProcess.RunAsync(command, ["--version"]);
        Assert.True(version.ExitCode == 0, version.All);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Out);

        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-up-or-in");
        var list = await ChildProcess.RunAsync(command, ["flow", "list", "--output", "json"], cli.Variables, cli.WorkingDirectory);
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Equal("sign-up-or-in", JsonNode.Parse(list.Out)!["items"]![0]!["id"]!.GetValue<string>());
        Assert.Single(cli.Host.Requests.Snapshot(), r => r.Path == "/v1/mgmt/flow/list");
    }
}
