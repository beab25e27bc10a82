using DescopeMgmt.Api.Tenants;
using static DescopeMgmt.Cli.Tests.TestWorkspace;

namespace DescopeMgmt.Cli.Tests;

/// <summary>pull: live into the workspace files, keeping files with placeholders and reporting what it cannot write.</summary>
public sealed class PullTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pull_fileWithPlaceholders_thatLiveContradicts_isKeptAndTheDifferenceShown()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        using (var client = Client(cli, CliHarness.ProjectId))
        {
            var flow = await client.Flows.ExportAsync("sign-in", Ct);
            flow["contents"]!["tasks"]!["2"]!["arguments"]!["redirectUrl"]!["value"] = "https://hotfix.example.com";
            await client.Flows.ImportAsync("sign-in", flow, Ct);
        }

        var pull = await cli.RunAsync("pull");

        Assert.Equal(0, pull.ExitCode);
        Assert.Contains("placeholders and live differs from it; the file was kept, nothing was written to it", pull.Error, StringComparison.Ordinal);
        Assert.Contains("https://hotfix.example.com", pull.Error, StringComparison.Ordinal);
        Assert.Contains("${APP_URL}", await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "flows", "sign-in.json"), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_tenantsFileWithPlaceholders_isKept_andEachDifferingTenantShown()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        var before = await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "tenants.yaml"), Ct);
        using (var client = Client(cli, CliHarness.ProjectId))
        {
            await client.Tenants.CreateAsync(new TenantWrite { Id = "console-made", Name = "Made in the console" }, Ct);
        }

        var pull = await cli.RunAsync("pull");

        Assert.Equal(0, pull.ExitCode);
        Assert.Contains("tenants.yaml has ${VAR} placeholders and live differs from it", pull.Error, StringComparison.Ordinal);
        Assert.Contains("+ tenant \"console-made\" is live but not in the file", pull.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("will be", pull.All, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant \"acme\"", pull.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "tenants.yaml"), Ct));
    }

    [Fact]
    public async Task Pull_liveTextHoldingDollarBrace_isWrittenEscaped_soPlanSeesNoChange()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        using (var client = Client(cli, CliHarness.ProjectId))
        {
            await client.Tenants.UpdateAsync(new TenantWrite { Id = "acme-eu", Name = "Costs ${PRICE} a month" }, Ct);
        }

        Assert.Equal(0, (await cli.RunAsync("pull", "--force")).ExitCode);

        Assert.Contains("$${PRICE}", await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "tenants.yaml"), Ct), StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("plan", "--detailed-exitcode")).ExitCode);
    }

    [Fact]
    public async Task Pull_flowFileOfAFlowDeletedLive_isReported_andKept()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        using (var client = Client(cli, CliHarness.ProjectId))
        {
            await client.Flows.DeleteAsync(["sign-in"], Ct);
        }

        var pull = await cli.RunAsync("pull");

        Assert.Equal(0, pull.ExitCode);
        Assert.Contains("flows/sign-in.json: this flow does not exist live", pull.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(cli.WorkingDirectory, "flows", "sign-in.json")));
    }
}
