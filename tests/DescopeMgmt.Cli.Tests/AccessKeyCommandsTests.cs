using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Emulator;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// access-key list, get, create, update, rotate, activate, deactivate and delete against the emulator: each change
/// backed up and audited, the cleartext of create and rotate only in the --secrets-out file (or once on a terminal),
/// and what the commands did read back through the official Node SDK.
/// </summary>
public sealed class AccessKeyCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tenant acme, project roles Viewer and Editor, acme's role Billing, and key deploy (Viewer); returns deploy's secret.</summary>
    private static async Task<string> SeedAsync(CliHarness cli)
    {
        using var client = cli.Client();
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Editor" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Billing", TenantId = "acme" }, Ct);
        var deploy = await client.AccessKeys.CreateAsync(new AccessKeyWrite { Name = "deploy", Description = "Deploys", RoleNames = ["Viewer"] }, Ct);
        cli.Host.Requests.Clear();
        return deploy.Cleartext.Reveal();
    }

    private static async Task<AccessKey?> FindAsync(CliHarness cli, string name)
    {
        using var client = cli.Client();
        return (await client.AccessKeys.SearchAsync(null, Ct)).SingleOrDefault(k => k.Name == name);
    }

    /// <summary>Access key requests that change something: anything but a GET or a search.</summary>
    private static List<string> Writes(CliHarness cli) => cli.Host.Requests.Snapshot()
        .Where(r => r.Method != "GET" && !r.Path.EndsWith("/search", StringComparison.Ordinal))
        .Select(r => r.Path)
        .ToList();

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];

    private static string Cleartext(string secretsFile) =>
        Regex.Match(File.ReadAllText(secretsFile), "cleartext: \"([^\"]+)\"").Groups[1].Value;

    /// <summary>Fails naming the place when <paramref name="secret"/> is in any output or any file under the tool's home (backups, audit).</summary>
    private static void AssertNowhereBut(CliHarness cli, string secret, IEnumerable<CliResult> runs)
    {
        Assert.NotEmpty(secret);
        var everywhere = runs.Select(r => ("output", r.Out + r.Error))
            .Concat(FilesUnder(cli.Home).Concat(FilesUnder(cli.WorkingDirectory)).Select(f => (f, File.ReadAllText(f))));
        foreach (var (where, content) in everywhere)
        {
            Assert.False(content.Contains(secret, StringComparison.Ordinal), $"the secret is in {where}");
        }
    }

    private static JsonNode? SdkKey(JsonNode live, string name) =>
        live["accessKeys"]!.AsArray().SingleOrDefault(k => k!["name"]!.GetValue<string>() == name);

    private static string[] Strings(JsonNode? array) => [.. (array?.AsArray() ?? []).Select(n => n!.GetValue<string>())];

    private static string[] Args(string command) => command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task AccessKeyCreate_withSecretsOut_secretOnlyInThePrivateFile_auditedWithoutIt_andTheSdkReadsTheKeyBack()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");
        await using var cli = await CliHarness.StartAsync();
        var seeded = await SeedAsync(cli);
        var secretsFile = Path.Combine(cli.Root, "ci-keys.yaml");

        var create = await cli.RunAsync("access-key", "create", "ci", "--description", "Builds", "--role", "Viewer", "--tenant-role", "acme:Billing",
            "--permitted-ip", "10.0.0.0/8", "--custom-claim", "team=build", "--secrets-out", secretsFile, "--yes");
        var list = await cli.RunAsync("access-key", "list", "--output", "json");
        var get = await cli.RunAsync("access-key", "get", "ci", "--output", "json");
        var audit = await cli.RunAsync("audit", "list", "--output", "json");

        Assert.True(create.ExitCode == 0, create.Error);
        Assert.Contains("access-key \"ci\" will be created", create.Error, StringComparison.Ordinal);
        Assert.StartsWith("access-key delete ci", create.UndoCommand, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretsFile));
        }

        var secret = Cleartext(secretsFile);
        var created = await FindAsync(cli, "ci");
        Assert.NotNull(created);
        Assert.Contains($"id: \"{created.Id}\"", await File.ReadAllTextAsync(secretsFile, Ct), StringComparison.Ordinal);
        Assert.StartsWith(created.Id, secret, StringComparison.Ordinal);
        Assert.Contains("access-key create", audit.Out, StringComparison.Ordinal);
        Assert.Equal(["ci", "deploy"], JsonNode.Parse(list.Out)!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        var shown = JsonNode.Parse(get.Out)!;
        Assert.Equal(created.Id, shown["id"]!.GetValue<string>());
        Assert.Equal("active", shown["status"]!.GetValue<string>());
        Assert.Equal("build", shown["customClaims"]!["team"]!.GetValue<string>());
        Assert.EndsWith("Z", shown["createdAt"]!.GetValue<string>(), StringComparison.Ordinal);
        AssertNowhereBut(cli, secret, [create, list, get, audit]);
        AssertNowhereBut(cli, seeded, [create, list, get, audit]);
        Assert.NotEmpty(FilesUnder(cli.BackupRoot));

        var sdk = SdkKey(await cli.ReadThroughSdkAsync(node!, "identity.mjs"), "ci")!;
        Assert.Equal("Builds", sdk["description"]!.GetValue<string>());
        Assert.Equal(["Viewer"], Strings(sdk["roleNames"]));
        Assert.Equal("acme", sdk["keyTenants"]![0]!["tenantId"]!.GetValue<string>());
        Assert.Equal(["Billing"], Strings(sdk["keyTenants"]![0]!["roleNames"]));
        Assert.Equal(["10.0.0.0/8"], Strings(sdk["permittedIps"]));
        Assert.Equal("build", sdk["customClaims"]!["team"]!.GetValue<string>());
    }

    [Fact]
    public async Task AccessKeyCreate_onATerminal_withoutSecretsOut_showsTheSecretOnce_andInNoFile()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var create = await cli.RunWithTerminalAsync(["access-key", "create", "ci", "--yes"], new StringReader(""), Ct);

        Assert.True(create.ExitCode == 0, create.Error);
        var secret = Regex.Match(create.Error, @"Access key 'ci' \([^)]+\): (\S+)").Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.Single(Regex.Matches(create.All, Regex.Escape(secret)));
        Assert.DoesNotContain(FilesUnder(cli.Home).Concat(FilesUnder(cli.WorkingDirectory)), f => File.ReadAllText(f).Contains(secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("access-key create ci")]
    [InlineData("access-key rotate deploy")]
    public async Task SecretAnsweringCommand_secretsOutFileExists_isRefusedBeforeAnyRequest_andTheFileIsKept(string command)
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var secretsFile = Path.Combine(cli.Root, "keys.yaml");
        await File.WriteAllTextAsync(secretsFile, "kept\n", Ct);

        var result = await cli.RunAsync([.. Args(command), "--secrets-out", secretsFile, "--yes"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exists already", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
        Assert.Equal("kept\n", await File.ReadAllTextAsync(secretsFile, Ct));
    }

    [Theory]
    [InlineData("access-key create ci")]
    [InlineData("access-key rotate deploy")]
    public async Task SecretAnsweringCommand_noTerminalAndNoSecretsOut_isRefusedBeforeAnyRequest(string command)
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync([.. Args(command), "--yes"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no --secrets-out file and no terminal", result.Error, StringComparison.Ordinal);
        Assert.Contains($"descope-mgmt {command} --secrets-out FILE", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task AccessKeyCreate_nameInUse_exit1_nothingSent_noSecretsFile()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var secretsFile = Path.Combine(cli.Root, "keys.yaml");

        var result = await cli.RunAsync("access-key", "create", "deploy", "--secrets-out", secretsFile, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("An access key named 'deploy' already exists", result.Error, StringComparison.Ordinal);
        Assert.Empty(Writes(cli));
        Assert.False(File.Exists(secretsFile));
    }

    [Fact]
    public async Task AccessKeyCreate_dryRun_showsWhatWouldBeSent_andSendsNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var secretsFile = Path.Combine(cli.Root, "keys.yaml");

        var result = await cli.RunAsync("access-key", "create", "ci", "--role", "Editor", "--expire-time", "2099-01-01T00:00:00Z", "--secrets-out", secretsFile, "--dry-run");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("access-key \"ci\" will be created", result.Error, StringComparison.Ordinal);
        Assert.Contains("Editor", result.Error, StringComparison.Ordinal);
        Assert.Contains("4070908800", result.Error, StringComparison.Ordinal);
        Assert.Contains($"The new secret would be written to {secretsFile}", result.Error, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Empty(Writes(cli));
        Assert.False(File.Exists(secretsFile));
        Assert.Null(await FindAsync(cli, "ci"));
    }

    [Fact]
    public async Task AccessKeyCreate_expireTimeInThePast_isRefusedBeforeAnyRequest()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("access-key", "create", "ci", "--expire-time", "2001-01-01T00:00:00Z", "--secrets-out", Path.Combine(cli.Root, "k.yaml"), "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not in the future", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task AccessKeyUpdate_mergesTheGivenFields_showsTheDiff_andItsUndoRestoresTheKey()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = await FindAsync(cli, "deploy");

        var update = await cli.RunAsync("access-key", "update", "deploy", "--description", "Deploys prod", "--tenant-role", "acme:Billing", "--yes");
        var afterUpdate = SdkKey(await cli.ReadThroughSdkAsync(node!, "identity.mjs"), "deploy")!;
        var undo = await cli.RunAsync([.. Args(update.UndoCommand), "--yes"]);
        var afterUndo = await FindAsync(cli, "deploy");

        Assert.True(update.ExitCode == 0, update.Error);
        Assert.Contains("description: \"Deploys\" → \"Deploys prod\"", update.Error, StringComparison.Ordinal);
        Assert.Equal("Deploys prod", afterUpdate["description"]!.GetValue<string>());
        Assert.Equal(["Viewer"], Strings(afterUpdate["roleNames"]));
        Assert.Equal(["Billing"], Strings(afterUpdate["keyTenants"]![0]!["roleNames"]));
        Assert.StartsWith("backup restore ", update.UndoCommand, StringComparison.Ordinal);
        Assert.True(undo.ExitCode == 0, undo.Error);
        Assert.Equal("Deploys", afterUndo!.Description);
        Assert.Empty(afterUndo.KeyTenants);
        Assert.Equal(before!.Id, afterUndo.Id);
    }

    [Theory]
    [InlineData("--expire-time", "2099-01-01T00:00:00Z", "expireTime")]
    [InlineData("--user-id", "U2someone", "userId")]
    public async Task AccessKeyUpdate_fieldFixedAtCreation_isRefusedAsReplace_nothingSent(string flag, string value, string field)
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("access-key", "update", "deploy", flag, value, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"would change {field}", result.Error, StringComparison.Ordinal);
        Assert.Contains("replace (new secret)", result.Error, StringComparison.Ordinal);
        Assert.Empty(Writes(cli));
    }

    [Fact]
    public async Task AccessKeyRotate_newSecretOnlyInTheFile_markedRotated_andTheOldSecretNoLongerMatchesTheStoredHash()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "akcmd-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var cli = await CliHarness.StartAsync(new EmulatorOptions { ManagementKey = CliHarness.Key, DataDir = dataDir });
            var old = await SeedAsync(cli);
            var before = await FindAsync(cli, "deploy");
            var secretsFile = Path.Combine(cli.Root, "rotated.yaml");

            var rotate = await cli.RunAsync("access-key", "rotate", "deploy", "--secrets-out", secretsFile, "--yes");

            Assert.True(rotate.ExitCode == 0, rotate.Error);
            Assert.Contains("current secret stops working at once", rotate.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("To undo", rotate.Error, StringComparison.Ordinal);
            Assert.Contains("rotated: true", await File.ReadAllTextAsync(secretsFile, Ct), StringComparison.Ordinal);
            var secret = Cleartext(secretsFile);
            Assert.NotEqual(old, secret);
            AssertNowhereBut(cli, secret, [rotate]);
            var audit = await cli.RunAsync("audit", "list", "--output", "json");
            Assert.Contains("access-key rotate", audit.Out, StringComparison.Ordinal);
            Assert.Equal(before!.Id, (await FindAsync(cli, "deploy"))!.Id);

            // The emulator keeps only a hash of the secret: after the rotation it is the new secret's, so the old one is void.
            var state = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dataDir, "projects", CliHarness.ProjectId + ".json"), Ct))!;
            var stored = state["accessKeys"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == "deploy")!["cleartextHash"]!.GetValue<string>();
            Assert.Equal(Hash(secret), stored);
            Assert.NotEqual(Hash(old), stored);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }

        static string Hash(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    [Fact]
    public async Task AccessKeyRotate_dryRunWithoutSecretsOutOrTerminal_saysTheRealRunWouldBeRefused_andSendsNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("access-key", "rotate", "deploy", "--dry-run");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("a new secret", result.Error, StringComparison.Ordinal);
        Assert.Contains("cannot be undone", result.Error, StringComparison.Ordinal);
        Assert.Contains("Without --dry-run this would be refused", result.Error, StringComparison.Ordinal);
        Assert.Empty(Writes(cli));
    }

    [Fact]
    public async Task AccessKeyDeactivate_theSdkSeesItInactive_undoIsActivate_andAgainChangesNothing()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var deactivate = await cli.RunAsync("access-key", "deactivate", "deploy", "--yes");
        var inactive = SdkKey(await cli.ReadThroughSdkAsync(node!, "identity.mjs"), "deploy")!;
        cli.Host.Requests.Clear();
        var again = await cli.RunAsync("access-key", "deactivate", "deploy", "--yes");
        var writesOfAgain = Writes(cli);
        var undo = await cli.RunAsync([.. Args(deactivate.UndoCommand), "--yes"]);
        var active = SdkKey(await cli.ReadThroughSdkAsync(node!, "identity.mjs"), "deploy")!;

        Assert.True(deactivate.ExitCode == 0, deactivate.Error);
        Assert.Contains("status: active → inactive", deactivate.Error, StringComparison.Ordinal);
        Assert.Equal("inactive", inactive["status"]!.GetValue<string>());
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("No changes", again.Error, StringComparison.Ordinal);
        Assert.Empty(writesOfAgain);
        Assert.StartsWith("access-key activate deploy", deactivate.UndoCommand, StringComparison.Ordinal);
        Assert.True(undo.ExitCode == 0, undo.Error);
        Assert.Equal("active", active["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AccessKeyDelete_backsUpFirst_saysTheRestoreGivesANewSecret_andItsUndoBringsTheKeyBackWithTheSecretInAFile()
    {
        await using var cli = await CliHarness.StartAsync();
        var old = await SeedAsync(cli);
        var before = await FindAsync(cli, "deploy");
        var secretsFile = Path.Combine(cli.Root, "restored.yaml");

        var delete = await cli.RunAsync("access-key", "delete", "deploy", "--yes");
        var gone = await FindAsync(cli, "deploy");
        // The printed undo names the file to create; CI has no terminal to show the new secret on.
        var restore = await cli.RunAsync([.. Args(delete.UndoCommand).Select(a => a == "FILE" ? secretsFile : a), "--yes"]);
        var back = await FindAsync(cli, "deploy");

        Assert.True(delete.ExitCode == 0, delete.Error);
        Assert.Contains("comes back with a new secret", delete.Error, StringComparison.Ordinal);
        Assert.Contains("backup restore --secrets-out FILE", delete.Error, StringComparison.Ordinal);
        Assert.Null(gone);
        Assert.Matches("^backup restore \\S+ --only accessKeys .*--secrets-out FILE$", delete.UndoCommand);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.NotNull(back);
        Assert.NotEqual(before!.Id, back.Id);
        Assert.Equal("Deploys", back.Description);
        Assert.Equal(["Viewer"], back.RoleNames);
        var secret = Regex.Match(await File.ReadAllTextAsync(secretsFile, Ct), "cleartext: \"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.NotEqual(old, secret);
        Assert.DoesNotContain(secret, restore.Out + restore.Error, StringComparison.Ordinal);
        Assert.Contains("comes back with a new secret", restore.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("access-key get ghost")]
    [InlineData("access-key update ghost --description x --yes")]
    [InlineData("access-key activate ghost --yes")]
    [InlineData("access-key deactivate ghost --yes")]
    [InlineData("access-key delete ghost --yes")]
    [InlineData("access-key rotate ghost --yes --secrets-out")]
    public async Task AccessKeyCommand_unknownName_exit1_namingIt_nothingSent(string command)
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var secretsFile = Path.Combine(cli.Root, "never.yaml");
        string[] args = command.EndsWith("--secrets-out", StringComparison.Ordinal) ? [.. Args(command), secretsFile] : Args(command);

        var result = await cli.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("There is no access key named 'ghost'", result.Error, StringComparison.Ordinal);
        Assert.Contains("descope-mgmt access-key list", result.Error, StringComparison.Ordinal);
        Assert.Empty(Writes(cli));
        Assert.False(File.Exists(secretsFile));
    }

    [Fact]
    public async Task AccessKeyList_tenantAndText_narrowTheList_andTheTableHasNoSecret()
    {
        await using var cli = await CliHarness.StartAsync();
        var seeded = await SeedAsync(cli);
        using (var client = cli.Client())
        {
            await client.AccessKeys.CreateAsync(new AccessKeyWrite
            {
                Name = "billing-sync", KeyTenants = [new TenantMembership { TenantId = "acme", RoleNames = ["Billing"] }], ExpireTime = 4102444800,
            }, Ct);
        }

        var all = await cli.RunAsync("access-key", "list");
        var tenant = await cli.RunAsync("access-key", "list", "--tenant", "acme", "--output", "json");
        var text = await cli.RunAsync("access-key", "list", "--text", "DEPLOY", "--output", "json");

        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Contains("billing-sync", all.Out, StringComparison.Ordinal);
        Assert.Contains("acme (Billing)", all.Out, StringComparison.Ordinal);
        Assert.Contains("2100-01-01T00:00:00Z", all.Out, StringComparison.Ordinal);
        Assert.Contains("2 access keys", all.Out, StringComparison.Ordinal);
        Assert.Equal(["billing-sync"], JsonNode.Parse(tenant.Out)!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal(["deploy"], JsonNode.Parse(text.Out)!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.DoesNotContain(seeded, all.All + tenant.All + text.All, StringComparison.Ordinal);
    }
}
