using System.Text.Json.Nodes;

using static DescopeMgmt.Cli.Tests.TestWorkspace;

namespace DescopeMgmt.Cli.Tests;

/// <summary>`plan --all-envs` and `drift --all-envs`: a section per environment, one summary line, one environment's error never hiding another's.</summary>
public sealed class AllEnvironmentsTests
{
    [Fact]
    public async Task DriftAllEnvs_oneDiffersOneMatches_showsBothSectionsAndExits2()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--env", "prod", "--yes")).ExitCode);

        var drift = await cli.RunAsync("drift", "--all-envs");

        Assert.Equal(2, drift.ExitCode);
        var dev = drift.Out.IndexOf("== dev ==", StringComparison.Ordinal);
        var prod = drift.Out.IndexOf("== prod ==", StringComparison.Ordinal);
        Assert.True(dev >= 0 && prod > dev);
        Assert.Contains($"Target: project {CliHarness.ProjectId} (environment 'dev') on {cli.Host.BaseUrl.Authority}", drift.Out, StringComparison.Ordinal);
        Assert.Contains("+ tenant \"acme\" is in the workspace but not live", drift.Out[dev..prod], StringComparison.Ordinal);
        Assert.Contains("No changes. Live matches the workspace.", drift.Out[prod..], StringComparison.Ordinal);
        Assert.EndsWith("2 environments: 1 differs, 1 matches, 0 failed\n", drift.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAllEnvs_keyMissingForOneEnvironment_reportsItAndStillPlansTheOtherAndExits1()
    {
        await using var cli = await WorkspaceAsync();
        cli.Variables.Remove("PROD_KEY");

        var plan = await cli.RunAsync("plan", "--all-envs");

        Assert.Equal(1, plan.ExitCode);
        var prod = plan.Out.IndexOf("== prod ==", StringComparison.Ordinal);
        Assert.Contains("Plan: 3 to create, 0 to update, 0 to delete.", plan.Out[..prod], StringComparison.Ordinal);
        Assert.Contains("Error:", plan.Out[prod..], StringComparison.Ordinal);
        Assert.Contains("PROD_KEY", plan.Out[prod..], StringComparison.Ordinal);
        Assert.EndsWith("2 environments: 1 differs, 0 match, 1 failed\n", plan.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriftAllEnvs_outputJson_isOneDocumentWithEveryEnvironmentAndTheSummary()
    {
        await using var cli = await WorkspaceAsync();
        cli.Variables.Remove("PROD_KEY");

        var drift = await cli.RunAsync("drift", "--all-envs", "--output", "json");

        Assert.Equal(1, drift.ExitCode);
        var document = JsonNode.Parse(drift.Out)!;
        var environments = document["environments"]!.AsArray();
        Assert.Equal(["dev", "prod"], environments.Select(e => e!["environment"]!.GetValue<string>()));
        Assert.Equal("differs", environments[0]!["status"]!.GetValue<string>());
        Assert.Equal(3, environments[0]!["plan"]!["summary"]!["create"]!.GetValue<int>());
        Assert.Equal("failed", environments[1]!["status"]!.GetValue<string>());
        Assert.NotNull(environments[1]!["error"]!["message"]);
        Assert.Equal(1, document["summary"]!["failed"]!.GetValue<int>());
        Assert.DoesNotContain(CliHarness.Key, drift.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAllEnvs_withEnv_isAUsageError()
    {
        await using var cli = await WorkspaceAsync();

        var plan = await cli.RunAsync("plan", "--all-envs", "--env", "dev");

        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("cannot be combined with --env", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriftAllEnvs_markdown_hasASectionWithTheFingerprintPerEnvironmentAndTheSummary()
    {
        await using var cli = await WorkspaceAsync();

        var drift = await cli.RunAsync("drift", "--all-envs", "--format", "markdown");

        Assert.Equal(2, drift.ExitCode);
        Assert.Contains($"### descope-mgmt drift: project {CliHarness.ProjectId} (environment 'dev')", drift.Out, StringComparison.Ordinal);
        Assert.Contains($"### descope-mgmt drift: project {ProdProject} (environment 'prod')", drift.Out, StringComparison.Ordinal);
        Assert.Equal(2, drift.Out.Split("Plan fingerprint: `sha256:").Length - 1);
        Assert.EndsWith("**2 environments: 2 differ, 0 match, 0 failed**\n", drift.Out, StringComparison.Ordinal);
    }
}
