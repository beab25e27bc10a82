using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Emulator.Faults;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>design.md §6-§7 end to end: the CLI against the emulator, state read back through the API.</summary>
public sealed class RollbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool SameIgnoringServerFields(JsonNode a, JsonNode b) =>
        JsonDiff.Compare(a, b, DiffOptions.For(ResourceType.Flow)).Count == 0;

    private static async Task<string> WriteChangedFlowAsync(CliHarness cli, string flowId, string newName)
    {
        var flow = await cli.ExportAsync(flowId);
        flow["metadata"]!["name"] = newName;
        flow["contents"]!["tasks"]!["1"]!["name"] = "changed task";
        var path = Path.Combine(cli.Root, $"{flowId}-changed.json");
        await File.WriteAllTextAsync(path, CanonicalJson.Serialize(flow), Ct);
        return path;
    }

    private static async Task<string> LatestBackupIdAsync(CliHarness cli)
    {
        var list = await cli.RunAsync("backup", "list", "--output", "json");
        return JsonNode.Parse(list.Out)!["items"]![0]!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task FlowRollback_withYes_restoresTheBackedUpFlow()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var original = await cli.ExportAsync("sign-in");
        var changed = await WriteChangedFlowAsync(cli, "sign-in", "Broken");
        Assert.Equal(0, (await cli.RunAsync("flow", "import", changed, "--yes")).ExitCode);
        var backupId = await LatestBackupIdAsync(cli);

        var result = await cli.RunAsync("flow", "rollback", "--flow-id", "sign-in", "--backup", backupId, "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.True(SameIgnoringServerFields(original, await cli.ExportAsync("sign-in")));
        Assert.Contains("To undo: descope-mgmt flow rollback --flow-id sign-in --backup", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowRollback_flowMissingFromBackup_exits1ListingHeldFlows_andImportsNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in", "sign-up");
        Assert.Equal(0, (await cli.RunAsync("backup", "create", "--only", "flows")).ExitCode);
        var backupId = await LatestBackupIdAsync(cli);
        cli.Host.Requests.Clear();

        var result = await cli.RunAsync("flow", "rollback", "--flow-id", "ghost", "--backup", backupId, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Flow 'ghost' not found in backup {backupId}", result.Error, StringComparison.Ordinal);
        Assert.Contains("sign-in, sign-up", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task FlowImport_declinedPrompt_exits1AndChangesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var before = await cli.ExportAsync("sign-in");
        var changed = await WriteChangedFlowAsync(cli, "sign-in", "Declined");

        var result = await cli.RunAsync(["flow", "import", changed], stdin: "n\n", interactive: true, Ct);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Aborted. Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Contains("metadata.name", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.True(JsonNode.DeepEquals(before, await cli.ExportAsync("sign-in")));
    }

    [Fact]
    public async Task FlowImport_acceptedPrompt_importsAndBacksUp()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var changed = await WriteChangedFlowAsync(cli, "sign-in", "Accepted");

        var result = await cli.RunAsync(["flow", "import", changed], stdin: "y\n", interactive: true, Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Accepted", (await cli.ExportAsync("sign-in"))["metadata"]!["name"]!.GetValue<string>());
        Assert.Single(Directory.GetDirectories(Path.Combine(cli.BackupRoot, CliHarness.ProjectId)));
    }

    [Fact]
    public async Task ChangingCommand_withoutTerminalOrYes_isRefusedBeforeAnyApiCall()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var changed = await WriteChangedFlowAsync(cli, "sign-in", "Nope");
        cli.Host.Requests.Clear();

        var result = await cli.RunAsync("flow", "import", changed);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--yes", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task FlowImport_dryRun_makesNoWritingCall()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var changed = await WriteChangedFlowAsync(cli, "sign-in", "Dry");

        var result = await cli.RunAsync("flow", "import", changed, "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Dry run", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(Directory.Exists(cli.BackupRoot));
    }

    [Theory]
    [InlineData("checksum")]
    [InlineData("truncated")]
    [InlineData("missing")]
    [InlineData("manifest")]
    public async Task FlowRollback_corruptedBackup_failsClearly_withoutWritingCall(string damage)
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        Assert.Equal(0, (await cli.RunAsync("backup", "create")).ExitCode);
        var backupId = await LatestBackupIdAsync(cli);
        var folder = Path.Combine(cli.BackupRoot, CliHarness.ProjectId, backupId);
        var item = Path.Combine(folder, "flows", "sign-in.json");
        switch (damage)
        {
            case "checksum":
                await File.WriteAllTextAsync(item, (await File.ReadAllTextAsync(item, Ct)).Replace("Generated", "Tampered", StringComparison.Ordinal), Ct);
                break;
            case "truncated":
                var text = await File.ReadAllTextAsync(item, Ct);
                await File.WriteAllTextAsync(item, text[..(text.Length / 2)], Ct);
                break;
            case "missing":
                File.Delete(item);
                break;
            case "manifest":
                await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), "{\"format\":\"descope-mgmt-backup/1\",", Ct);
                break;
        }

        var result = await cli.RunAsync("flow", "rollback", "--flow-id", "sign-in", "--backup", damage == "manifest" ? folder : backupId, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is corrupt", result.Error, StringComparison.Ordinal);
        Assert.Contains("backup verify", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task FlowRollback_backupOfAnotherProject_isRefused()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        Assert.Equal(0, (await cli.RunAsync("backup", "create")).ExitCode);
        var folder = Directory.GetDirectories(Path.Combine(cli.BackupRoot, CliHarness.ProjectId)).Single();
        cli.Variables["DESCOPE_PROJECT_ID"] = "P2SomeOtherProject";

        var result = await cli.RunAsync("flow", "rollback", "--flow-id", "sign-in", "--backup", folder, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"belongs to project {CliHarness.ProjectId}", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task RollbackAllLatest_failureOnThirdOfFive_exits3_andPreRollbackBackupRestoresFirstTwo()
    {
        await using var cli = await CliHarness.StartAsync();
        string[] ids = ["flow-a", "flow-b", "flow-c", "flow-d", "flow-e"];
        await cli.SeedFlowsAsync(ids);
        var originals = new Dictionary<string, JsonObject>();
        foreach (var id in ids)
        {
            originals[id] = await cli.ExportAsync(id);
        }

        Assert.Equal(0, (await cli.RunAsync("backup", "create", "--only", "flows")).ExitCode);
        // Someone changes all five outside the tool (no backup of theirs), so the latest backup holds the originals.
        var changedState = new Dictionary<string, JsonObject>();
        using (var client = cli.Client())
        {
            foreach (var id in ids)
            {
                var flow = await cli.ExportAsync(id);
                flow["metadata"]!["name"] = $"changed {id}";
                await client.Flows.ImportAsync(id, flow, Ct);
                changedState[id] = await cli.ExportAsync(id);
            }
        }

        cli.Host.Faults.Add(FaultSpec.Parse("500@/v2/mgmt/flow/import~\"flow-c\""));

        var result = await cli.RunAsync("flow", "rollback", "--all", "--latest", "--yes");

        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"done\s+restore flow:flow-a", result.Error);
        Assert.Matches(@"done\s+restore flow:flow-b", result.Error);
        Assert.Matches(@"failed\s+restore flow:flow-c", result.Error);
        Assert.Matches(@"not started\s+restore flow:flow-e", result.Error);
        Assert.Contains("2 done, 1 failed (1 may have changed), 2 not started", result.Error, StringComparison.Ordinal);
        var preRollback = await LatestBackupIdAsync(cli);
        Assert.Contains($"To undo: descope-mgmt flow rollback --all --backup {preRollback}", result.Error, StringComparison.Ordinal);
        Assert.True(SameIgnoringServerFields(originals["flow-a"], await cli.ExportAsync("flow-a")));
        Assert.True(SameIgnoringServerFields(originals["flow-b"], await cli.ExportAsync("flow-b")));
        Assert.True(SameIgnoringServerFields(changedState["flow-d"], await cli.ExportAsync("flow-d")));

        // Run again unchanged (a CI retry): latest skips the rollback's own backup, so it finishes.
        cli.Host.Faults.Clear();
        var again = await cli.RunAsync("flow", "rollback", "--all", "--latest", "--yes");

        Assert.Equal(0, again.ExitCode);
        foreach (var id in ids)
        {
            Assert.True(SameIgnoringServerFields(originals[id], await cli.ExportAsync(id)), $"{id} is restored from the same source backup");
        }

        var undo = await cli.RunAsync("flow", "rollback", "--all", "--backup", preRollback, "--yes");

        Assert.Equal(0, undo.ExitCode);
        foreach (var id in ids)
        {
            Assert.True(SameIgnoringServerFields(changedState[id], await cli.ExportAsync(id)), $"{id} is back to its pre-rollback state");
        }
    }

    [Fact]
    public async Task FlowImport_ofANewFlow_isUndoneByRollingBackToItsBackup_whichDeletesIt()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var file = await WriteChangedFlowAsync(cli, "sign-in", "Brand new");
        Assert.Equal(0, (await cli.RunAsync("flow", "import", file, "--flow-id", "brand-new", "--yes")).ExitCode);
        var created = await cli.ExportAsync("brand-new");
        var backupId = await LatestBackupIdAsync(cli);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(cli.BackupRoot, CliHarness.ProjectId, backupId, "manifest.json"), Ct))!;
        Assert.Equal("brand-new", manifest["absent"]![0]!["id"]!.GetValue<string>());

        var rollback = await cli.RunAsync("flow", "rollback", "--flow-id", "brand-new", "--backup", backupId, "--yes");

        Assert.Equal(0, rollback.ExitCode);
        Assert.Contains("flow \"brand-new\" will be deleted", rollback.Error, StringComparison.Ordinal);
        using (var client = cli.Client())
        {
            Assert.DoesNotContain(await client.Flows.ListAsync(Ct), f => f.Id == "brand-new");
        }

        // And the rollback itself is undone by the command it prints: the flow comes back.
        var undo = await cli.RunAsync([.. rollback.UndoCommand.Split(' '), "--yes"]);
        Assert.Equal(0, undo.ExitCode);
        Assert.True(SameIgnoringServerFields(created, await cli.ExportAsync("brand-new")));
    }

    [Fact]
    public async Task FlowRollbackAllLatest_afterALaterTenantChange_usesTheNewestBackupHoldingFlows()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var original = await cli.ExportAsync("sign-in");
        Assert.Equal(0, (await cli.RunAsync("flow", "import", await WriteChangedFlowAsync(cli, "sign-in", "Broken"), "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);

        var result = await cli.RunAsync("flow", "rollback", "--all", "--latest", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.True(SameIgnoringServerFields(original, await cli.ExportAsync("sign-in")));
        using var client = cli.Client();
        Assert.Equal("Acme", (await client.Tenants.LoadAsync("acme", Ct)).Name);
    }

    [Fact]
    public async Task TenantRollbackLatest_afterAnotherTenantChanged_usesTheNewestBackupHoldingThatTenant()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "globex", "--name", "Globex", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "update", "acme", "--name", "Acme Broken", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "update", "globex", "--name", "Globex Renamed", "--yes")).ExitCode);

        var result = await cli.RunAsync("tenant", "rollback", "--tenant-id", "acme", "--latest", "--yes");

        Assert.Equal(0, result.ExitCode);
        using var client = cli.Client();
        Assert.Equal("Acme", (await client.Tenants.LoadAsync("acme", Ct)).Name);
        Assert.Equal("Globex Renamed", (await client.Tenants.LoadAsync("globex", Ct)).Name);
    }

    [Fact]
    public async Task ImportRollbackRollback_returnsToStartingState()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var start = await cli.ExportAsync("sign-in");
        var changed = await WriteChangedFlowAsync(cli, "sign-in", "Changed");
        Assert.Equal(0, (await cli.RunAsync("flow", "import", changed, "--yes")).ExitCode);
        var afterImport = await cli.ExportAsync("sign-in");

        var rollback = await cli.RunAsync("flow", "rollback", "--all", "--latest", "--yes");
        Assert.Equal(0, rollback.ExitCode);
        Assert.True(SameIgnoringServerFields(start, await cli.ExportAsync("sign-in")));

        Assert.Equal(0, (await cli.RunAsync([.. rollback.UndoCommand.Split(' '), "--yes"])).ExitCode);
        Assert.True(SameIgnoringServerFields(afterImport, await cli.ExportAsync("sign-in")));

        var history = await cli.RunAsync("rollback", "history", "--output", "json");
        var items = JsonNode.Parse(history.Out)!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("success", i!["outcome"]!.GetValue<string>()));
        Assert.NotNull(items[0]!["backupId"]);
        Assert.NotNull(items[0]!["rollbackOf"]);
    }

    [Fact]
    public async Task HalfWrittenBackup_fromKilledProcess_isNotListed()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        Assert.Equal(0, (await cli.RunAsync("backup", "create")).ExitCode);
        var projectFolder = Path.Combine(cli.BackupRoot, CliHarness.ProjectId);
        var half = Path.Combine(projectFolder, ".tmp-20990101T000000Z-abcdef");
        Directory.CreateDirectory(Path.Combine(half, "flows"));
        await File.WriteAllTextAsync(Path.Combine(half, "flows", "sign-in.json"), "{\"flowId\":", Ct);
        Directory.CreateDirectory(Path.Combine(projectFolder, "20990101T000000Z-badbad"));

        var list = JsonNode.Parse((await cli.RunAsync("backup", "list", "--output", "json")).Out)!["items"]!.AsArray();

        Assert.Single(list);
        Assert.DoesNotContain("2099", list[0]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagementKey_appearsInNoBackupAuditFileOrOutput()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var changed = await WriteChangedFlowAsync(cli, "sign-in", "Secret check");
        var outputs = new List<CliResult>
        {
            await cli.RunAsync("flow", "import", changed, "--yes", "--verbose"),
            await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes", "--verbose"),
            await cli.RunAsync("flow", "rollback", "--all", "--latest", "--yes", "--verbose"),
            await cli.RunAsync("audit", "export", "--format", "csv"),
            await cli.RunAsync("backup", "list", "--output", "json"),
        };

        Assert.All(outputs, o => Assert.DoesNotContain(CliHarness.Key, o.All, StringComparison.Ordinal));
        var files = Directory.GetFiles(cli.Home, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.Contains("audit", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("backups", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.DoesNotContain(CliHarness.Key, await File.ReadAllTextAsync(file, Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task BackupFilesAndFolders_arePrivate()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        Assert.Equal(0, (await cli.RunAsync("backup", "create")).ExitCode);

        var folder = Directory.GetDirectories(Path.Combine(cli.BackupRoot, CliHarness.ProjectId)).Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.All(Directory.GetFiles(folder, "*", SearchOption.AllDirectories),
            f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task UnwritableBackupFolder_changeDoesNotStart()
    {
        Assert.SkipWhen(Environment.UserName == "root", "root ignores folder permissions; BackupRootIsAFile covers the same path");
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var readOnly = Path.Combine(cli.Root, "ro");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var changed = await WriteChangedFlowAsync(cli, "sign-in", "No backup no change");

        var result = await cli.RunAsync("flow", "import", changed, "--yes", "--backup-dir", readOnly);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Could not write a backup", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task BackupRootIsAFile_changeDoesNotStart()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var notAFolder = Path.Combine(cli.Root, "file-not-folder");
        await File.WriteAllTextAsync(notAFolder, "x", Ct);
        var changed = await WriteChangedFlowAsync(cli, "sign-in", "No backup no change");

        var result = await cli.RunAsync("flow", "import", changed, "--yes", "--backup-dir", notAFolder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Could not write a backup", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }
}
