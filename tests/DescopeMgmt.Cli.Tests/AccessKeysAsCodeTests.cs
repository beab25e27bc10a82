using System.Text.Json.Nodes;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Emulator.Faults;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// Access keys as code, end to end: init --from-live writes access-keys.yaml, a key added there is planned and
/// created by apply, its cleartext lands in the --secrets-out file (0600) and nowhere else, the official Node SDK
/// sees the key, and an out-of-band change is drift.
/// </summary>
public sealed class AccessKeysAsCodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> SeedAsync(CliHarness cli)
    {
        using var client = cli.Client();
        await client.Tenants.CreateAsync(new Api.Tenants.TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Billing", TenantId = "acme" }, Ct);
        var deploy = await client.AccessKeys.CreateAsync(new AccessKeyWrite { Name = "deploy", Description = "Deploys", RoleNames = ["Viewer"] }, Ct);
        cli.Host.Requests.Clear();
        return deploy.Cleartext.Reveal();
    }

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task ApplyWithSecretsOut_createsTheKey_secretOnlyInTheFile_sdkSeesIt_andDriftFindsAnOutOfBandChange()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");
        await using var cli = await CliHarness.StartAsync();
        var seededSecret = await SeedAsync(cli);
        var runs = new List<CliResult>();
        async Task<CliResult> Run(params string[] args)
        {
            var result = await cli.RunAsync(args);
            runs.Add(result);
            return result;
        }

        Assert.Equal(0, (await Run("init", "--from-live")).ExitCode);
        var file = Path.Combine(cli.WorkingDirectory, "access-keys.yaml");
        var text = await File.ReadAllTextAsync(file, Ct);
        Assert.Contains("name: \"deploy\"", text, StringComparison.Ordinal);
        Assert.Equal(0, (await Run("plan", "--detailed-exitcode")).ExitCode);

        await File.AppendAllTextAsync(file,
            "  - name: ci\n    description: Builds\n    roles: [Viewer]\n    tenants: {acme: [Billing]}\n    permittedIps: [10.0.0.0/8]\n    customClaims: {team: build}\n", Ct);
        var plan = await Run("plan", "--detailed-exitcode");
        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("access-key \"ci\" will be created", plan.Out, StringComparison.Ordinal);
        Assert.Contains("Plan: 1 to create, 0 to update, 0 to delete.", plan.Out, StringComparison.Ordinal);

        // Without --secrets-out and without a terminal the secret would have nowhere to go: refused, nothing created.
        var nowhere = await Run("apply", "--yes");
        Assert.Equal(1, nowhere.ExitCode);
        Assert.Contains("--secrets-out FILE", nowhere.Error, StringComparison.Ordinal);
        using (var client = cli.Client())
        {
            Assert.DoesNotContain(await client.AccessKeys.SearchAsync(null, Ct), k => k.Name == "ci");
        }

        var secretsFile = Path.Combine(cli.Root, "secrets", "ci-keys.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(secretsFile)!);
        var apply = await Run("apply", "--yes", "--secrets-out", secretsFile);
        Assert.True(apply.ExitCode == 0, apply.Error);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretsFile));
        }

        var secrets = await File.ReadAllTextAsync(secretsFile, Ct);
        var secret = System.Text.RegularExpressions.Regex.Match(secrets, "cleartext: \"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.Contains("name: \"ci\"", secrets, StringComparison.Ordinal);

        // A second apply with the same file: nothing to create, nothing written; a new key would refuse the existing file.
        Assert.Equal(0, (await Run("apply", "--yes", "--secrets-out", secretsFile)).ExitCode);
        Assert.Equal(0, (await Run("drift")).ExitCode);

        var ci = (await cli.ReadThroughSdkAsync(node!, "identity.mjs"))["accessKeys"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == "ci")!;
        Assert.Equal("Builds", ci["description"]!.GetValue<string>());
        Assert.Equal(["Viewer"], ci["roleNames"]!.AsArray().Select(r => r!.GetValue<string>()));

        var change = cli.SdkScriptEnv("set-access-key-description");
        change["KEY_NAME"] = "ci";
        change["DESCRIPTION"] = "Changed by hand";
        var outOfBand = await NodeScripts.RunAsync(node!, "identity.mjs", change);
        Assert.True(outOfBand.ExitCode == 0, outOfBand.Output);
        var drift = await Run("drift");
        Assert.Equal(2, drift.ExitCode);
        Assert.Contains("access-key \"ci\"", drift.Out, StringComparison.Ordinal);

        // The secret (and the one of the key made before init) is in the secrets file and nowhere else.
        var everywhere = runs.Select(r => ("output", r.Out + r.Error))
            .Concat(FilesUnder(cli.Home).Concat(FilesUnder(cli.WorkingDirectory)).Select(f => (f, File.ReadAllText(f))));
        foreach (var (where, content) in everywhere)
        {
            Assert.False(content.Contains(secret, StringComparison.Ordinal), $"the new key's secret is in {where}");
            Assert.False(content.Contains(seededSecret, StringComparison.Ordinal), $"the seeded key's secret is in {where}");
        }

        Assert.NotEmpty(FilesUnder(Path.Combine(cli.Home, "backups")));
    }

    /// <summary>A secret file that cannot be created would be found out only after the service made the key, whose secret would then be lost.</summary>
    [Fact]
    public async Task ApplyAndCreate_secretsOutInAFolderThatDoesNotExist_isRefusedBeforeAnyChange()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);
        await File.AppendAllTextAsync(Path.Combine(cli.WorkingDirectory, "access-keys.yaml"), "  - name: ci\n    description: Builds\n", Ct);
        var missing = Path.Combine(cli.Root, "no-such-folder", "keys.yaml");
        cli.Host.Requests.Clear();

        var apply = await cli.RunAsync("apply", "--yes", "--secrets-out", missing);
        var create = await cli.RunAsync("access-key", "create", "other", "--yes", "--secrets-out", missing);

        foreach (var result in (CliResult[])[apply, create])
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("cannot be created", result.Error, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed.", result.Error, StringComparison.Ordinal);
        }

        Assert.Empty(cli.WritingRequests());
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    [Fact]
    public async Task Apply_secretsOutFileTakenWhileTheCreateIsInFlight_reportSaysTheKeyExistsAndItsSecretIsLost()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);
        await File.AppendAllTextAsync(Path.Combine(cli.WorkingDirectory, "access-keys.yaml"), "  - name: ci\n    description: Builds\n", Ct);
        var secretsFile = Path.Combine(cli.Root, "keys.yaml");
        // The emulator counts the create when it arrives and holds it 3 s: the file appears while the key is being made.
        cli.Host.Faults.Add(FaultSpec.Parse("latency:3s@/v1/mgmt/accesskey/create"));

        var applying = cli.RunAsync("apply", "--yes", "--secrets-out", secretsFile);
        while (cli.Host.Faults.Fired == 0 && !applying.IsCompleted)
        {
            await Task.Delay(10, Ct);
        }

        await File.WriteAllTextAsync(secretsFile, "someone else's file\n", Ct);
        var apply = await applying;

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("access key 'ci' (", apply.Error, StringComparison.Ordinal);
        Assert.Contains("was created, but the secret could not be written to", apply.Error, StringComparison.Ordinal);
        Assert.Contains("access-key rotate ci --secrets-out FILE", apply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing was changed", apply.Error, StringComparison.Ordinal);
        Assert.Equal("someone else's file\n", await File.ReadAllTextAsync(secretsFile, Ct));
        using var client = cli.Client();
        Assert.Contains(await client.AccessKeys.SearchAsync(null, Ct), k => k.Name == "ci");
    }

    [Fact]
    public async Task Apply_updatingAndDeletingKeys_costsOneWriteEach_plusAConstantNumberOfSearches()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        using (var client = cli.Client())
        {
            for (var i = 0; i < 6; i++)
            {
                await client.AccessKeys.CreateAsync(new AccessKeyWrite { Name = $"bot-{i}", Description = "Bot" }, Ct);
            }
        }

        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);
        var file = Path.Combine(cli.WorkingDirectory, "access-keys.yaml");
        var config = Path.Combine(cli.WorkingDirectory, "descope.yaml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config, Ct)).Replace("deleteMissing: false", "deleteMissing: true", StringComparison.Ordinal), Ct);
        // Three keys get a new description; three are left out of the file, so deleted.
        await File.WriteAllTextAsync(file, """
            accessKeys:
              - { name: deploy, description: Deploys, roles: [Viewer] }
              - { name: bot-0, description: Bot 0 }
              - { name: bot-1, description: Bot 1 }
              - { name: bot-2, description: Bot 2 }
            """, Ct);
        cli.Host.Requests.Clear();

        var apply = await cli.RunAsync("apply", "--only", "accessKeys", "--yes");

        Assert.True(apply.ExitCode == 0, apply.All);
        var requests = cli.Host.Requests.Snapshot();
        Assert.Equal(3, requests.Count(r => r.Path == "/v1/mgmt/accesskey/update"));
        Assert.Equal(3, requests.Count(r => r.Path == "/v1/mgmt/accesskey/delete"));
        // The plan's read, and the read-back after the writes: never a search before each write.
        Assert.True(requests.Count(r => r.Path == "/v1/mgmt/accesskey/search") <= 2, string.Join("\n", requests.Select(r => r.Path)));
    }

    [Fact]
    public async Task BackupRestore_ofADeletedKey_withoutATerminal_isRefusedBeforeAnyChange()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        Assert.Equal(0, (await cli.RunAsync("backup", "create", "--only", "accessKeys")).ExitCode);
        using (var client = cli.Client())
        {
            var deploy = (await client.AccessKeys.SearchAsync(null, Ct)).Single(k => k.Name == "deploy");
            await client.AccessKeys.DeleteAsync(deploy.Id, Ct);
        }

        cli.Host.Requests.Clear();
        var restore = await cli.RunAsync("backup", "restore", "latest", "--only", "accessKeys", "--yes");

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("a deleted or replaced access key comes back with a new secret", restore.Error, StringComparison.Ordinal);
        Assert.Contains("--secrets-out FILE` (FILE must not exist", restore.Error, StringComparison.Ordinal);
        Assert.Contains("or run the restore from a terminal", restore.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task Apply_onATerminal_withoutSecretsOut_showsTheSecretOnce_andKeepsItOutOfEveryFile()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);
        await File.AppendAllTextAsync(Path.Combine(cli.WorkingDirectory, "access-keys.yaml"), "  - name: ci\n", Ct);

        var apply = await cli.RunWithTerminalAsync(["apply", "--yes"], new StringReader(""), Ct);

        Assert.True(apply.ExitCode == 0, apply.Error);
        var secret = System.Text.RegularExpressions.Regex.Match(apply.Error, @"Access key 'ci' \([^)]+\): (\S+)").Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(apply.All, System.Text.RegularExpressions.Regex.Escape(secret)));
        Assert.DoesNotContain(FilesUnder(cli.Home).Concat(FilesUnder(cli.WorkingDirectory)), f => File.ReadAllText(f).Contains(secret, StringComparison.Ordinal));
    }
}
