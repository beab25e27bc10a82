using System.Text.Json.Nodes;

namespace DescopeMgmt.Cli.Tests;

/// <summary>Every changing command with --dry-run (even beside --yes) shows what it would do and changes nothing: no write, no backup, no audit line.</summary>
public sealed class DryRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Commands =>
    [
        "flow import {flowFile} --dry-run --yes",
        "flow delete sign-in --dry-run --yes",
        "theme import {themeFile} --dry-run --yes",
        "tenant create newco --name NewCo --dry-run --yes",
        "tenant update acme --name Renamed --dry-run --yes",
        "tenant delete acme-eu --dry-run --yes",
        "flow sync --dry-run --yes",
        "tenant sync --dry-run --yes",
        "flow sync --yes",
        "flow rollback --flow-id sign-in --backup {backup} --dry-run --yes",
        "tenant rollback --all --backup {backup} --dry-run --yes",
        "backup restore {backup} --dry-run --yes",
        "backup prune --keep 0 --older-than 1ms --dry-run --yes",
        "pull --dry-run",
        "pull --dry-run --force",
    ];

    [Fact]
    public async Task PullDryRun_namesTheFilesItWouldWrite()
    {
        await using var cli = await TestWorkspace.WorkspaceAsync();
        using (var client = cli.Client())
        {
            await client.Tenants.CreateAsync(new DescopeMgmt.Api.Tenants.TenantWrite { Id = "newco", Name = "NewCo" }, Ct);
        }

        var result = await cli.RunAsync("pull", "--dry-run", "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("would write tenants.yaml", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("newco", await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "tenants.yaml"), Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task DryRun_changesNothing_liveBackupsAuditOrFiles(string command)
    {
        await using var cli = await TestWorkspace.WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        var backup = JsonNode.Parse((await cli.RunAsync("backup", "create", "--output", "json")).Out)!["id"]!.GetValue<string>();

        // Live now differs from the backup and the workspace, so every command has something it would do.
        using (var client = cli.Client())
        {
            await client.Tenants.UpdateAsync(new DescopeMgmt.Api.Tenants.TenantWrite { Id = "acme", Name = "Changed live" }, Ct);
            var flow = await client.Flows.ExportAsync("sign-in", Ct);
            flow["metadata"]!["name"] = "Changed live";
            await client.Flows.ImportAsync("sign-in", flow, Ct);
            flow["metadata"]!["name"] = "From the file";
            await File.WriteAllTextAsync(Path.Combine(cli.Root, "flow.json"), flow.ToJsonString(), Ct);
            var theme = await client.Themes.ExportAsync(Ct);
            theme["styles"] = new JsonObject { ["light"] = new JsonObject { ["primary"] = "#123456" } };
            await File.WriteAllTextAsync(Path.Combine(cli.Root, "theme.json"), theme.ToJsonString(), Ct);
        }

        var backupsBefore = Directory.GetDirectories(cli.BackupRoot, "*", SearchOption.AllDirectories).Length;
        var auditBefore = JsonNode.Parse((await cli.RunAsync("audit", "list", "--output", "json")).Out)!["items"]!.AsArray().Count;
        var filesBefore = Snapshot(cli.WorkingDirectory);
        cli.Host.Requests.Clear();
        var args = command.Replace("{flowFile}", Path.Combine(cli.Root, "flow.json"), StringComparison.Ordinal)
            .Replace("{themeFile}", Path.Combine(cli.Root, "theme.json"), StringComparison.Ordinal)
            .Replace("{backup}", backup, StringComparison.Ordinal)
            .Split(' ');

        var result = await cli.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Empty(cli.WritingRequests());
        Assert.Equal(backupsBefore, Directory.GetDirectories(cli.BackupRoot, "*", SearchOption.AllDirectories).Length);
        Assert.Equal(auditBefore, JsonNode.Parse((await cli.RunAsync("audit", "list", "--output", "json")).Out)!["items"]!.AsArray().Count);
        Assert.Equal(filesBefore, Snapshot(cli.WorkingDirectory));
    }

    private static string Snapshot(string folder) => string.Join('\n', Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(f => $"{f}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));
}
