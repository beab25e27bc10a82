using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Api.Users;
using DescopeMgmt.Emulator.Faults;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// An access key's expiry and bound user cannot be updated: plan shows the change as a replacement with a new
/// secret (text, JSON, Markdown, drift, saved plans), apply deletes the old key and creates the new one with its
/// cleartext only in the --secrets-out file, a replacement stopped halfway says the old key is deleted, and a
/// restore that creates a key again puts its new secret in --secrets-out.
/// </summary>
public sealed class AccessKeyReplaceTests
{
    private const long NewExpiry = 4102444800;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The key "deploy" made outside the tool, a user to bind keys to, and a workspace pulled from live.</summary>
    private static async Task<(string OldId, string OldSecret, string UserId)> SeedAsync(CliHarness cli)
    {
        using var client = cli.Client();
        await client.Roles.CreateAsync(new Api.Roles.RoleWrite { Name = "Viewer" }, Ct);
        var user = await client.Users.CreateAsync(new UserWrite { LoginId = "robot@acme.com", Email = "robot@acme.com" }, Ct);
        var deploy = await client.AccessKeys.CreateAsync(new AccessKeyWrite { Name = "deploy", Description = "Deploys", RoleNames = ["Viewer"] }, Ct);
        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);
        cli.Host.Requests.Clear();
        return (deploy.Key.Id, deploy.Cleartext.Reveal(), user.UserId);
    }

    /// <summary>access-keys.yaml ends with the key "deploy": its expiry (and bound user) are appended to it.</summary>
    private static Task ChangeFixedFieldsAsync(CliHarness cli, string? userId = null) =>
        File.AppendAllTextAsync(Path.Combine(cli.WorkingDirectory, "access-keys.yaml"),
            $"    expireTime: {NewExpiry}\n" + (userId is null ? "" : $"    userId: {userId}\n"), Ct);

    private static async Task<IReadOnlyList<AccessKey>> KeysAsync(CliHarness cli)
    {
        using var client = cli.Client();
        return await client.AccessKeys.SearchAsync(null, Ct);
    }

    private static string SecretIn(string secretsFile) =>
        Regex.Match(File.ReadAllText(secretsFile), "cleartext: \"([^\"]+)\"").Groups[1].Value;

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];

    /// <summary>The secret is in no output and no file of the tool (backups, audit, workspace, plan files).</summary>
    private static void AssertNowhereBut(CliHarness cli, string secret, IEnumerable<CliResult> runs, string secretsFile)
    {
        Assert.NotEmpty(secret);
        foreach (var (where, content) in runs.Select(r => ("output", r.Out + r.Error))
            .Concat(FilesUnder(cli.Root).Where(f => f != secretsFile).Select(f => (f, File.ReadAllText(f)))))
        {
            Assert.False(content.Contains(secret, StringComparison.Ordinal), $"the new key's secret is in {where}");
        }
    }

    [Fact]
    public async Task Plan_expireTimeChanged_showsAReplaceWithANewSecret_inTextJsonMarkdownAndDrift()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        await ChangeFixedFieldsAsync(cli);

        var text = await cli.RunAsync("plan", "--detailed-exitcode");
        var json = await cli.RunAsync("plan", "--output", "json");
        var markdown = await cli.RunAsync("plan", "--format", "markdown");
        var drift = await cli.RunAsync("drift");

        Assert.True(text.ExitCode == 2, text.All);
        Assert.Contains("-/+ access-key \"deploy\" will be replaced (new secret): expireTime cannot be updated, so it is deleted and created anew (1 field)", text.Out, StringComparison.Ordinal);
        Assert.Matches(@"\+ expireTime: 4102444800 # forces replacement", text.Out);
        Assert.Contains("Plan: 0 to create, 0 to update, 0 to delete, 1 to replace.", text.Out, StringComparison.Ordinal);

        var change = JsonNode.Parse(json.Out)!["changes"]!.AsArray().Single()!;
        Assert.Equal("replace", change["action"]!.GetValue<string>());
        Assert.Equal(["expireTime"], change["replaceFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("new secret", change["replaceNote"]!.GetValue<string>());
        Assert.Equal(1, JsonNode.Parse(json.Out)!["summary"]!["replace"]!.GetValue<int>());

        Assert.Contains("| replace (new secret) | `access-key:deploy` |", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("-/+ access-key:deploy  # replace (new secret): expireTime cannot be updated", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("expireTime: 4102444800  # forces replacement", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to create, 0 to update, 0 to delete, 1 to replace.", markdown.Out, StringComparison.Ordinal);

        Assert.Equal(2, drift.ExitCode);
        Assert.Contains("apply would replace (new secret): expireTime cannot be updated", drift.Out, StringComparison.Ordinal);
        Assert.Contains("1 to replace)", drift.Out, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task Apply_expireTimeAndUserChanged_replacesTheKey_newSecretOnlyInTheSecretsFile_sdkReadsItBack()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");
        await using var cli = await CliHarness.StartAsync();
        var (oldId, oldSecret, userId) = await SeedAsync(cli);
        await ChangeFixedFieldsAsync(cli, userId);
        var secretsFile = Path.Combine(cli.Root, "new-keys.yaml");

        // With nowhere to put the new secret (no file, no terminal) the replace is refused before anything is sent.
        var nowhere = await cli.RunAsync("apply", "--yes");
        Assert.Equal(1, nowhere.ExitCode);
        Assert.Contains("creates 1 access key", nowhere.Error, StringComparison.Ordinal);
        Assert.Contains("--secrets-out FILE", nowhere.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());

        var apply = await cli.RunAsync("apply", "--yes", "--secrets-out", secretsFile);

        Assert.True(apply.ExitCode == 0, apply.All);
        Assert.Matches(@"✓ replace-delete access-key:deploy", apply.Error);
        Assert.Matches(@"✓ replace-create access-key:deploy", apply.Error);
        Assert.Contains("The secret of access key 'deploy'", apply.Error, StringComparison.Ordinal);
        var deploy = Assert.Single(await KeysAsync(cli), k => k.Name == "deploy");
        Assert.NotEqual(oldId, deploy.Id);
        Assert.Equal(NewExpiry, deploy.ExpireTime);
        Assert.Equal(userId, deploy.BoundUserId);
        Assert.Equal("Deploys", deploy.Description);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretsFile));
        }

        var secret = SecretIn(secretsFile);
        Assert.Contains($"id: \"{deploy.Id}\"", File.ReadAllText(secretsFile), StringComparison.Ordinal);
        Assert.NotEqual(oldSecret, secret);

        var audit = await cli.RunAsync("audit", "list", "--operation", "apply", "--output", "json");
        var items = JsonNode.Parse(audit.Out)!["items"]![0]!["items"]!.AsArray();
        Assert.Equal(["replace-delete", "replace-create"], items.Select(i => i!["action"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal("done", i!["result"]!.GetValue<string>()));
        var plan = await cli.RunAsync("plan", "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, plan.All);

        var read = (await cli.ReadThroughSdkAsync(node!, "identity.mjs"))["accessKeys"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == "deploy")!;
        Assert.Equal(deploy.Id, read["id"]!.GetValue<string>());
        Assert.Equal(NewExpiry, read["expireTime"]!.GetValue<long>());
        Assert.Equal(userId, read["boundUserId"]!.GetValue<string>());

        AssertNowhereBut(cli, secret, [nowhere, apply, audit, plan], secretsFile);
        Assert.NotEmpty(FilesUnder(cli.BackupRoot));
    }

    [Fact]
    public async Task SavedPlan_withAReplace_roundTrips_andApplyPlanfileReplacesTheKey()
    {
        await using var cli = await CliHarness.StartAsync();
        var (oldId, _, _) = await SeedAsync(cli);
        await ChangeFixedFieldsAsync(cli);
        var planFile = Path.Combine(cli.Root, "plan.json");
        var secretsFile = Path.Combine(cli.Root, "new-keys.yaml");

        var plan = await cli.RunAsync("plan", "--out", planFile);
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(planFile, Ct))!;
        var show = await cli.RunAsync("apply", planFile);
        var apply = await cli.RunAsync("apply", planFile, "--yes", "--secrets-out", secretsFile);

        Assert.True(plan.ExitCode == 0, plan.All);
        var change = saved["changes"]!.AsArray().Single()!;
        Assert.Equal("replace", change["action"]!.GetValue<string>());
        Assert.Equal(["expireTime"], change["replaceFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(1, saved["summary"]!["replace"]!.GetValue<int>());
        Assert.Contains("will be replaced (new secret)", show.Error, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.All);
        Assert.Contains("will be replaced (new secret)", apply.Error, StringComparison.Ordinal);
        var deploy = Assert.Single(await KeysAsync(cli), k => k.Name == "deploy");
        Assert.NotEqual(oldId, deploy.Id);
        Assert.Equal(NewExpiry, deploy.ExpireTime);
        AssertNowhereBut(cli, SecretIn(secretsFile), [plan, show, apply], secretsFile);
    }

    [Fact]
    public async Task Apply_createHalfRefused_exits3_saysTheOldKeyIsDeletedAndTheNewNotCreated_andTheUndoBringsItBack()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        await ChangeFixedFieldsAsync(cli);
        cli.Host.Faults.Add(FaultSpec.Parse("400@/v1/mgmt/accesskey/create"));

        var apply = await cli.RunAsync("apply", "--yes", "--secrets-out", Path.Combine(cli.Root, "first.yaml"), "--output", "json");

        Assert.True(apply.ExitCode == 3, apply.All);
        Assert.Matches(@"done\s+replace-delete access-key:deploy", apply.Error);
        Assert.Matches(@"failed\s+replace-create access-key:deploy", apply.Error);
        Assert.Contains("access-key:deploy was replaced halfway: the old one is DELETED and the new one was NOT created", apply.Error, StringComparison.Ordinal);
        Assert.Contains("FILE: a file that does not exist yet, for the new secrets.", apply.Error, StringComparison.Ordinal);
        var result = JsonNode.Parse(apply.Out)!;
        Assert.Equal("partial", result["outcome"]!.GetValue<string>());
        Assert.Contains("DELETED", result["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var backupId = result["backupId"]!.GetValue<string>();
        Assert.Contains($"Backup of the previous state: {backupId}", apply.Error, StringComparison.Ordinal);
        Assert.StartsWith("descope-mgmt apply ", result["finish"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("--secrets-out FILE", result["finish"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith($"descope-mgmt backup restore {backupId} ", result["undo"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("--secrets-out FILE", result["undo"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(await KeysAsync(cli), k => k.Name == "deploy");
        Assert.False(File.Exists(Path.Combine(cli.Root, "first.yaml")));

        // The printed undo, given a file for the secret, puts the old key back (without the new expiry, with a new secret).
        cli.Host.Faults.Clear();
        var secretsFile = Path.Combine(cli.Root, "restored.yaml");
        var undo = await cli.RunAsync([.. result["undo"]!.GetValue<string>().Replace("FILE", secretsFile, StringComparison.Ordinal).Split(' ').Skip(1), "--yes"]);
        Assert.True(undo.ExitCode == 0, undo.All);
        var deploy = Assert.Single(await KeysAsync(cli), k => k.Name == "deploy");
        Assert.Equal(0, deploy.ExpireTime);
        Assert.Equal("Deploys", deploy.Description);
        Assert.Contains("came back with a new secret", undo.Error, StringComparison.Ordinal);
        AssertNowhereBut(cli, SecretIn(secretsFile), [apply, undo], secretsFile);
    }

    [Fact]
    public async Task Apply_createHalfRefused_thePrintedFinishCommandCreatesTheNewKey()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        await ChangeFixedFieldsAsync(cli);
        cli.Host.Faults.Add(FaultSpec.Parse("400@/v1/mgmt/accesskey/create"));
        var apply = await cli.RunAsync("apply", "--yes", "--secrets-out", Path.Combine(cli.Root, "first.yaml"));
        Assert.True(apply.ExitCode == 3, apply.All);
        var finish = Regex.Match(apply.Error, "To finish: descope-mgmt (.+)").Groups[1].Value.Trim();

        cli.Host.Faults.Clear();
        var secretsFile = Path.Combine(cli.Root, "finished.yaml");
        var finished = await cli.RunAsync([.. finish.Replace("FILE", secretsFile, StringComparison.Ordinal).Split(' '), "--yes"]);

        Assert.True(finished.ExitCode == 0, finished.All);
        Assert.Contains("access-key \"deploy\" will be created", finished.Error, StringComparison.Ordinal);
        var deploy = Assert.Single(await KeysAsync(cli), k => k.Name == "deploy");
        Assert.Equal(NewExpiry, deploy.ExpireTime);
        Assert.Contains("name: \"deploy\"", File.ReadAllText(secretsFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_ofAReplacement_replacesTheKeyBack_itsOldExpiryWithANewSecret_refusedWithoutAFile()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        await ChangeFixedFieldsAsync(cli);
        var apply = await cli.RunAsync("apply", "--yes", "--secrets-out", Path.Combine(cli.Root, "replaced.yaml"));
        Assert.True(apply.ExitCode == 0, apply.All);
        Assert.EndsWith("--secrets-out FILE", apply.UndoCommand, StringComparison.Ordinal);
        var replacedId = Assert.Single(await KeysAsync(cli), k => k.Name == "deploy").Id;
        cli.Host.Requests.Clear();

        var withoutFile = await cli.RunAsync([.. apply.UndoCommand.Replace(" --secrets-out FILE", "", StringComparison.Ordinal).Split(' '), "--yes"]);
        var writesRefused = cli.WritingRequests().Count;
        var secretsFile = Path.Combine(cli.Root, "undone.yaml");
        var undo = await cli.RunAsync([.. apply.UndoCommand.Replace("FILE", secretsFile, StringComparison.Ordinal).Split(' '), "--yes"]);

        Assert.Equal(1, withoutFile.ExitCode);
        Assert.Equal(0, writesRefused);
        Assert.Contains("--secrets-out FILE", withoutFile.Error, StringComparison.Ordinal);
        Assert.True(undo.ExitCode == 0, undo.All);
        Assert.Contains("-/+ access-key \"deploy\" will be replaced (new secret)", undo.Error, StringComparison.Ordinal);
        Assert.Contains("1 access key came back with a new secret", undo.Error, StringComparison.Ordinal);
        var deploy = Assert.Single(await KeysAsync(cli), k => k.Name == "deploy");
        Assert.NotEqual(replacedId, deploy.Id);
        Assert.Equal(0, deploy.ExpireTime);
        Assert.Contains($"id: \"{deploy.Id}\"", File.ReadAllText(secretsFile), StringComparison.Ordinal);
        AssertNowhereBut(cli, SecretIn(secretsFile), [withoutFile, undo], secretsFile);
    }

    [Fact]
    public async Task BackupRestore_ofADeletedKey_withSecretsOut_createsItWithANewSecretInTheFile_andSaysSoBeforeAndAfter()
    {
        await using var cli = await CliHarness.StartAsync();
        var (oldId, oldSecret, _) = await SeedAsync(cli);
        var backup = await cli.RunAsync("backup", "create", "--only", "accessKeys", "--output", "json");
        Assert.Equal(0, backup.ExitCode);
        var backupId = JsonNode.Parse(backup.Out)!["id"]!.GetValue<string>();
        using (var client = cli.Client())
        {
            await client.AccessKeys.DeleteAsync(oldId, Ct);
        }

        var secretsFile = Path.Combine(cli.Root, "restored.yaml");
        var preview = await cli.RunAsync("backup", "restore", backupId, "--only", "accessKeys", "--dry-run");
        var previewWroteNoFile = !File.Exists(secretsFile);
        var restore = await cli.RunAsync("backup", "restore", backupId, "--only", "accessKeys", "--yes", "--secrets-out", secretsFile);

        Assert.True(preview.ExitCode == 0, preview.All);
        Assert.Contains("a deleted or replaced access key comes back with a new secret: its old cleartext cannot be restored", preview.Error, StringComparison.Ordinal);
        Assert.True(previewWroteNoFile);
        Assert.True(restore.ExitCode == 0, restore.All);
        Assert.Contains("its old cleartext cannot be restored", restore.Error, StringComparison.Ordinal);
        Assert.Contains($"1 access key came back with a new secret (in {secretsFile})", restore.Error, StringComparison.Ordinal);
        var deploy = Assert.Single(await KeysAsync(cli), k => k.Name == "deploy");
        Assert.Equal("Deploys", deploy.Description);
        Assert.Contains($"id: \"{deploy.Id}\"", File.ReadAllText(secretsFile), StringComparison.Ordinal);
        var secret = SecretIn(secretsFile);
        Assert.NotEqual(oldSecret, secret);
        AssertNowhereBut(cli, secret, [preview, restore], secretsFile);

        // A restore that creates nothing needs no file: live already matches.
        var again = await cli.RunAsync("backup", "restore", backupId, "--only", "accessKeys", "--yes");
        Assert.True(again.ExitCode == 0, again.All);
    }
}
