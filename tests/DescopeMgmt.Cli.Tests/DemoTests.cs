namespace DescopeMgmt.Cli.Tests;

public sealed class DemoTests
{
    [Fact]
    public async Task Demo_runsTheWholeStoryOnItsOwnEmulator_andExits0()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("demo");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Plan: 0 to create, 3 to update, 0 to delete.", result.All, StringComparison.Ordinal);
        Assert.Contains("+ permissions[1]: \"reports.export\"", result.All, StringComparison.Ordinal);
        Assert.Contains("✓ restore role:Viewer", result.All, StringComparison.Ordinal);
        Assert.Contains("✓ restore flow:sign-up-or-in", result.All, StringComparison.Ordinal);
        Assert.Contains("flow rollback", result.Out, StringComparison.Ordinal);
        Assert.Contains("Backup of the previous state:", result.Error, StringComparison.Ordinal);
        Assert.Contains("~ name: \"Globex (renamed in the console)\" → \"Globex\"", result.All, StringComparison.Ordinal);
        Assert.Matches(@"flow rollback\s+│\s+flow:sign-up-or-in", result.Out);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task Demo_createsAnAccessKey_andPrintsNoSecret_neitherItsCleartextNorTheManagementKey()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("demo");

        Assert.True(result.ExitCode == 0, result.All);
        var secretsFile = System.Text.RegularExpressions.Regex.Match(result.Out, @"--secrets-out (\S+secrets\.yaml)").Groups[1].Value;
        var cleartext = System.Text.RegularExpressions.Regex.Match(await File.ReadAllTextAsync(secretsFile, TestContext.Current.CancellationToken), "cleartext: \"([^\"]+)\"").Groups[1].Value;
        Assert.True(cleartext.Length > 10, secretsFile);
        Assert.DoesNotContain(cleartext, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(DescopeMgmt.Emulator.EmulatorDefaults.LocalManagementKey, result.All, StringComparison.Ordinal);
        Assert.Contains("create access-key:release-bot", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_printsTheToolVersion()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out);
    }

    [Fact]
    public async Task Help_explainsCommandsAndGlobalOptions()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("flow", "rollback", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--flow-id", result.Out, StringComparison.Ordinal);
        Assert.Contains("--dry-run", result.Out, StringComparison.Ordinal);
        Assert.Contains("--output", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_exits1()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("flow", "explode");

        Assert.Equal(1, result.ExitCode);
    }
}
