using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using Spectre.Console;

using static DescopeMgmt.Cli.Tests.TestWorkspace;

namespace DescopeMgmt.Cli.Tests;

/// <summary>Plans people can review: attributes of creates, the Target line, drift's and pull's own words, no wrapping in logs, counts in words.</summary>
public sealed class PlanReviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plan_newTenant_listsEveryAttributeItWillGet()
    {
        await using var cli = await WorkspaceAsync();

        var plan = await cli.RunAsync("plan");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("+ tenant \"acme\" will be created\n    + id: \"acme\"\n    + name: \"Acme\"\n    + selfProvisioningDomains: [\"acme.com\"]", plan.Out, StringComparison.Ordinal);
        Assert.Contains("+ customAttributes: {\"portal\":\"https://dev.example.com\"}", plan.Out, StringComparison.Ordinal);
        Assert.Contains("+ parent: \"acme\"", plan.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAndDrift_anyOutput_printTheTargetLineWithTheHostFirst()
    {
        await using var cli = await WorkspaceAsync();
        var host = cli.Host.BaseUrl.Authority;

        var plan = await cli.RunAsync("plan");
        var drift = await cli.RunAsync("drift", "--env", "prod");
        var json = await cli.RunAsync("plan", "--output", "json");

        Assert.StartsWith($"Target: project {CliHarness.ProjectId} (environment 'dev') on {host}\n", plan.Error, StringComparison.Ordinal);
        Assert.StartsWith($"Target: project {ProdProject} (environment 'prod') on {host}\n", drift.Error, StringComparison.Ordinal);
        var document = JsonNode.Parse(json.Out)!;
        Assert.Equal(CliHarness.ProjectId, document["projectId"]!.GetValue<string>());
        Assert.Equal("dev", document["environment"]!.GetValue<string>());
        Assert.Equal("local", document["targetHost"]!.GetValue<string>());
    }

    [Fact]
    public async Task Drift_liveDiffers_reportsTheDifferenceWithoutSayingWhatWillHappen()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        Write(cli, "tenants.yaml", """
            tenants:
              - id: acme
                name: Acme Corp
                selfProvisioningDomains: [acme.com]
                customAttributes: { portal: "${APP_URL}" }
              - id: acme-eu
                name: Acme EU
                parent: acme
              - id: newco
                name: NewCo
            """);

        var drift = await cli.RunAsync("drift");

        Assert.Equal(2, drift.ExitCode);
        Assert.DoesNotContain("will be", drift.Out, StringComparison.Ordinal);
        Assert.Contains("~ tenant \"acme\" differs from the workspace (1 field: live → workspace)", drift.Out, StringComparison.Ordinal);
        Assert.Contains("+ tenant \"newco\" is in the workspace but not live", drift.Out, StringComparison.Ordinal);
        Assert.Contains("Drift: 2 items differ from the workspace (apply would make 1 to create, 1 to update, 0 to delete).", drift.Out, StringComparison.Ordinal);

        // The Markdown a scheduled run files as an issue speaks the same way: a finding, not a plan.
        var markdown = await cli.RunAsync("drift", "--format", "markdown");
        Assert.Equal(2, markdown.ExitCode);
        Assert.Contains("Drift: 2 items differ from the workspace (apply would make 1 to create, 1 to update, 0 to delete).", markdown.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Plan:", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("| Apply would | Item | Fields |", markdown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_oneFieldChanged_countsInWords()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        Write(cli, "tenants.yaml", """
            tenants:
              - id: acme
                name: Acme Corp
                selfProvisioningDomains: [acme.com]
                customAttributes: { portal: "${APP_URL}" }
              - id: acme-eu
                name: Acme EU
                parent: acme
            """);

        var plan = await cli.RunAsync("plan");

        Assert.Contains("~ tenant \"acme\" will be updated (1 field)", plan.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", plan.All, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to create, 1 to update, 0 to delete.", plan.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_noTerminalAndNoYes_printsThePlanThenRefusesChangingNothing()
    {
        await using var cli = await WorkspaceAsync();
        cli.Host.Requests.Clear();

        var apply = await cli.RunAsync("apply");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("Target: project", apply.Error, StringComparison.Ordinal);
        Assert.Contains("+ tenant \"acme\" will be created", apply.Error, StringComparison.Ordinal);
        Assert.Contains("Plan: 3 to create, 0 to update, 0 to delete.", apply.Error, StringComparison.Ordinal);
        Assert.Contains("there is no terminal to confirm on", apply.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(Directory.Exists(cli.BackupRoot) && Directory.EnumerateFileSystemEntries(cli.BackupRoot).Any());
    }

    [Fact]
    public async Task Apply_noTerminalAndNothingToChange_saysSoAndSucceeds()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);

        var apply = await cli.RunAsync("apply");

        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("No changes. Live matches the workspace.", apply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CliIO_outputNotATerminal_neverWrapsALongId()
    {
        var id = "tenant-" + new string('x', 293);
        var (io, output) = Io(outIsTerminal: false, columns: null);

        io.Out.MarkupLine($"+ tenant \"{id}\" will be created");
        io.Flush();

        Assert.Equal($"+ tenant \"{id}\" will be created\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void CliIO_terminalWithColumns_usesColumnsAsTheWidth()
    {
        var (io, _) = Io(outIsTerminal: true, columns: "57");

        Assert.Equal(57, io.Out.Profile.Width);
    }

    private static (CliIO, StringWriter) Io(bool outIsTerminal, string? columns)
    {
        var output = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output,
            Error = new StringWriter(),
            In = new StringReader(""),
            OutIsTerminal = outIsTerminal,
            GetVariable = name => name == "COLUMNS" ? columns : null,
        };
        var settings = new GlobalSettings(null, null, null, false, null, OutputFormat.Text, false, NoColor: true, false, false, null, null);
        return (new CliIO(env, settings), output);
    }
}
