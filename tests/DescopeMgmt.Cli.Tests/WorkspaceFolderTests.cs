using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands;
using DescopeMgmt.Emulator.Faults;
using static DescopeMgmt.Cli.Tests.TestWorkspace;

namespace DescopeMgmt.Cli.Tests;

/// <summary>The workspace as a folder (found upward, -C, pull's record of what it wrote) and the smaller things users hit.</summary>
public sealed partial class WorkspaceFolderTests
{
    private const string PlainTenants = """
        tenants:
          - id: acme
            name: Acme
          - id: beta
            name: Beta
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Read(CliHarness cli, string relative) => File.ReadAllText(Path.Combine(cli.WorkingDirectory, relative));

    private static async Task<CliHarness> PlainWorkspaceAsync()
    {
        var cli = await WorkspaceAsync();
        Write(cli, "tenants.yaml", PlainTenants);
        return cli;
    }

    private static async Task RenameLiveAsync(CliHarness cli, string tenantId, string name)
    {
        using var client = Client(cli, CliHarness.ProjectId);
        await client.Tenants.UpdateAsync(new TenantWrite { Id = tenantId, Name = name }, Ct);
    }

    [Fact]
    public async Task Plan_runFromASubfolder_findsTheWorkspaceAbove()
    {
        await using var cli = await WorkspaceAsync();
        var root = cli.WorkingDirectory;
        cli.WorkingDirectory = Path.Combine(root, "flows");

        var plan = await cli.RunAsync("plan");
        var validate = await cli.RunAsync("flow", "validate", "sign-in.json");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("\"sign-in\"", plan.All, StringComparison.Ordinal);
        Assert.Equal(0, validate.ExitCode);
        Assert.Contains("Valid: 1 file", validate.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkspaceFlag_missingFolder_saysSoAndExits1()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("-C", "no-such-dir", "tenant", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("-C no-such-dir: no such folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_fileEditedSinceApply_refusesListingIt_andWritesNothing()
    {
        await using var cli = await PlainWorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        Write(cli, "tenants.yaml", PlainTenants.Replace("name: Beta", "name: Beta edited", StringComparison.Ordinal));
        await RenameLiveAsync(cli, "acme", "Acme renamed live");
        var edited = Read(cli, "tenants.yaml");

        var dryRun = await cli.RunAsync("pull", "--dry-run");
        var pull = await cli.RunAsync("pull");

        Assert.Equal(1, dryRun.ExitCode);
        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("1 file holds edits not applied yet: tenants.yaml. Nothing was written.", pull.Error, StringComparison.Ordinal);
        Assert.Contains("pull --force", pull.Error, StringComparison.Ordinal);
        Assert.Contains("\"Beta edited\" → \"Beta\"", pull.Error, StringComparison.Ordinal);
        Assert.Equal(edited, Read(cli, "tenants.yaml"));
        Assert.Equal(0, (await cli.RunAsync("pull", "--force")).ExitCode);
        Assert.Contains("Acme renamed live", Read(cli, "tenants.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_fileWithOnlyACommentAdded_refusesSayingLiveAgrees_andDoesNotSendTheUserToApply()
    {
        await using var cli = await PlainWorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        Write(cli, "tenants.yaml", PlainTenants + "\n# why Beta is here\n");

        var pull = await cli.RunAsync("pull");

        Assert.Equal(1, pull.ExitCode);
        Assert.True(pull.Error.Contains("in formatting or comments only (live says the same); pull would rewrite it from live and drop them.", StringComparison.Ordinal), pull.Error);
        Assert.Contains("Live already says what these files say.", pull.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Apply them first", pull.Error, StringComparison.Ordinal);
        Assert.Contains("# why Beta is here", Read(cli, "tenants.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_afterApply_refreshesUneditedFileFromLive()
    {
        await using var cli = await PlainWorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        await RenameLiveAsync(cli, "acme", "Acme renamed live");

        var pull = await cli.RunAsync("pull");

        Assert.Equal(0, pull.ExitCode);
        Assert.Contains("Acme renamed live", Read(cli, "tenants.yaml"), StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("pull")).ExitCode);
    }

    [Fact]
    public async Task Pull_fileNeverWrittenByTheTool_thatDiffersFromLive_isTreatedAsEdited()
    {
        await using var cli = await PlainWorkspaceAsync();
        using (var client = Client(cli, CliHarness.ProjectId))
        {
            await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme live" }, Ct);
        }

        var pull = await cli.RunAsync("pull");

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("tenants.yaml", pull.Error, StringComparison.Ordinal);
        Assert.Equal(PlainTenants, Read(cli, "tenants.yaml"));
    }

    [Fact]
    public async Task PullDryRun_showsWhatEachFileWouldBecome_andWritesNothing()
    {
        await using var cli = await PlainWorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        await RenameLiveAsync(cli, "acme", "Acme renamed live");

        var dryRun = await cli.RunAsync("pull", "--dry-run");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("would write tenants.yaml", dryRun.Error, StringComparison.Ordinal);
        Assert.Contains("\"Acme\" → \"Acme renamed live\"", dryRun.Error, StringComparison.Ordinal);
        Assert.Equal(PlainTenants, Read(cli, "tenants.yaml"));
    }

    [Fact]
    public async Task FlowValidate_wholeWorkspace_countsEveryKindInWords()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);

        var result = await cli.RunAsync("flow", "validate");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches(@"\d+ password polic(y|ies), \d+ access keys?, \d+ SSO configurations?\.", result.Out);
    }

    [Theory]
    [InlineData("", "descope.yaml:1: error: is empty or holds only comments")]
    [InlineData("# nothing yet\n", "descope.yaml:1: error: is empty or holds only comments")]
    [InlineData("- dev\n- prod\n", "descope.yaml:1: error: its top level is a list")]
    public async Task AnyCommand_descopeYamlEmptyOrNotAMapping_isAnErrorNamingTheFile(string text, string expected)
    {
        await using var cli = await CliHarness.StartAsync();
        Write(cli, "descope.yaml", text);

        var validate = await cli.RunAsync("flow", "validate");
        var plan = await cli.RunAsync("plan");

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains(expected, validate.Out, StringComparison.Ordinal);
        Assert.Equal(1, plan.ExitCode);
        Assert.Contains(expected, plan.Error, StringComparison.Ordinal);
        Assert.Contains("The workspace has 1 error:", plan.Error, StringComparison.Ordinal);
        Assert.Contains("run the command again", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowValidate_placeholderValueWithALineBreak_isAnErrorAtThePlaceholdersLine()
    {
        await using var cli = await WorkspaceAsync();
        cli.Variables["DESCOPE_VAR_TWO_LINES"] = "first\nsecond";
        Write(cli, "tenants.yaml", "tenants:\n  - id: acme\n    name: \"${TWO_LINES}\"\n  - id: beta\n\t  name: Beta\n");

        var result = await cli.RunAsync("flow", "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tenants.yaml:3:12: error: ${TWO_LINES} (from DESCOPE_VAR_TWO_LINES) holds a line break", result.Out, StringComparison.Ordinal);
        Assert.Contains("tenants.yaml:5:1: error: invalid YAML: a tab", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitLocal_needsNoKey_andHeaderNamesTheReadmeSection()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Variables.Remove("DESCOPE_MANAGEMENT_KEY");
        cli.Variables.Remove("DESCOPE_PROJECT_ID");
        cli.Variables.Remove("DESCOPE_BASE_URL");

        var init = await cli.RunAsync("init", "--local");

        Assert.Equal(0, init.ExitCode);
        Assert.DoesNotContain("MANAGEMENT_KEY", init.All, StringComparison.Ordinal);
        var yaml = Read(cli, "descope.yaml");
        Assert.Contains("README, section \"Workspace\"", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("https://github.com/ ", yaml, StringComparison.Ordinal);
        Assert.Contains("baseUrl: local", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_withCToAFolderNotThereYet_createsItAndKeepsLocalAndFromLive()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");

        var local = await cli.RunAsync("init", "--local", "-C", "new-local");
        var fromLive = await cli.RunAsync("init", "--from-live", "-C", Path.Combine("a", "new-live"));

        Assert.Equal(0, local.ExitCode);
        Assert.Contains("baseUrl: local", File.ReadAllText(Path.Combine(cli.WorkingDirectory, "new-local", "descope.yaml")), StringComparison.Ordinal);
        Assert.DoesNotContain("MANAGEMENT_KEY", local.All, StringComparison.Ordinal);
        Assert.Equal(0, fromLive.ExitCode);
        Assert.True(File.Exists(Path.Combine(cli.WorkingDirectory, "a", "new-live", "flows", "sign-in.json")));
    }

    [Fact]
    public async Task InitFromLive_inASubfolderOfAWorkspace_pullsIntoTheNewFolder_notTheOneAbove()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        Write(cli, "descope.yaml", "version: 1\nenvironments: {}\nmanage: { flows: all }\n");
        var outer = cli.WorkingDirectory;
        cli.WorkingDirectory = Path.Combine(outer, "inner");
        Directory.CreateDirectory(cli.WorkingDirectory);

        var init = await cli.RunAsync("init", "--from-live");

        Assert.Equal(0, init.ExitCode);
        Assert.True(File.Exists(Path.Combine(outer, "inner", "flows", "sign-in.json")));
        Assert.False(Directory.Exists(Path.Combine(outer, "flows")));
    }

    [Fact]
    public async Task FlowValidate_tabInIndentation_isReportedAtTheTabsLine()
    {
        await using var cli = await WorkspaceAsync();
        Write(cli, "tenants.yaml", "tenants:\n  - id: acme\n    name: Acme\n\t  selfProvisioningDomains: []\n");

        var result = await cli.RunAsync("flow", "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tenants.yaml:4:1: error: invalid YAML: a tab character", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowValidate_unterminatedPlaceholder_isReportedAtItsLine()
    {
        await using var cli = await WorkspaceAsync();
        Write(cli, "tenants.yaml", "tenants:\n  - id: acme\n\n\n    name: \"${APP_URL\"\n");

        var result = await cli.RunAsync("flow", "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tenants.yaml:5:12: error: '${APP_URL' is not a placeholder", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupShow_randomSuffixOfTheId_resolves()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);
        var update = await cli.RunAsync("tenant", "update", "acme", "--name", "Acme 2", "--yes");
        var id = Regex.Match(update.Error, @"Backup of the previous state: (\S+)").Groups[1].Value;
        var suffix = id[(id.LastIndexOf('-') + 1)..];

        var show = await cli.RunAsync("backup", "show", suffix, "--output", "json");

        Assert.Equal(0, show.ExitCode);
        Assert.Contains(id, show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantRollback_tenantIdWithLatest_isAccepted()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "update", "acme", "--name", "Acme 2", "--yes")).ExitCode);

        var rollback = await cli.RunAsync("tenant", "rollback", "--tenant-id", "acme", "--latest", "--yes");

        Assert.Equal(0, rollback.ExitCode);
        using var client = cli.Client();
        Assert.Equal("Acme", (await client.Tenants.LoadAsync("acme", Ct)).Name);
    }

    [Fact]
    public async Task Quiet_change_stillPrintsTheBackupIdAndTheUndoLine()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);

        var update = await cli.RunAsync("tenant", "update", "acme", "--name", "Acme 2", "--yes", "-q");

        Assert.Equal(0, update.ExitCode);
        Assert.Contains("Backup of the previous state: ", update.Error, StringComparison.Ordinal);
        Assert.Contains("To undo: descope-mgmt tenant rollback", update.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditListFailed_showsTheError_andLimitKeepsTheNewest()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "beta", "--name", "Beta", "--yes")).ExitCode);
        cli.Host.Faults.Add(FaultSpec.Parse("400@/v1/mgmt/tenant/create"));
        Assert.Equal(1, (await cli.RunAsync("tenant", "create", "gamma", "--name", "Gamma", "--yes")).ExitCode);
        cli.Host.Faults.Clear();

        var failed = await cli.RunAsync("audit", "list", "--failed");
        var limited = await cli.RunAsync("audit", "list", "--limit", "2", "--output", "json");
        var zero = await cli.RunAsync("audit", "list", "--limit", "0");

        Assert.Equal(0, failed.ExitCode);
        Assert.Contains("Error", failed.Out, StringComparison.Ordinal);
        Assert.Contains("400", failed.Out, StringComparison.Ordinal);
        var items = JsonNode.Parse(limited.Out)!["items"]!.AsArray();
        Assert.Equal(["tenant:gamma", "tenant:beta"], items.Select(i => i!["targets"]![0]!.GetValue<string>()));
        Assert.Equal(1, zero.ExitCode);
    }

    [Fact]
    public async Task RollbackHistory_showsTheEnvironment()
    {
        await using var cli = await PlainWorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "update", "acme", "--name", "Acme 2", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "rollback", "--tenant-id", "acme", "--latest", "--yes")).ExitCode);

        var text = await cli.RunAsync("rollback", "history");
        var json = await cli.RunAsync("rollback", "history", "--output", "json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Environment", text.Out, StringComparison.Ordinal);
        Assert.Contains("dev", text.Out, StringComparison.Ordinal);
        Assert.Equal("dev", JsonNode.Parse(json.Out)!["items"]![0]!["environment"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("tenant", "get", "../etc")]
    [InlineData("tenant", "delete", "-acme")]
    [InlineData("tenant", "rollback", "--tenant-id", "a:b", "--latest")]
    public async Task TenantCommands_invalidTenantId_isAUsageErrorBeforeAnyCall(params string[] args)
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not valid", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task FlowValidate_tenantsYamlWithAnInvalidId_isAnError()
    {
        await using var cli = await WorkspaceAsync();
        Write(cli, "tenants.yaml", "tenants:\n  - id: \"a/b\"\n    name: Slash\n");

        var result = await cli.RunAsync("flow", "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tenant id 'a/b' is not valid", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantGet_showsCreatedAtAsAnIsoUtcDate()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);

        var text = await cli.RunAsync("tenant", "get", "acme");
        var json = await cli.RunAsync("tenant", "get", "acme", "--output", "json");

        Assert.Matches(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text.Out);
        var document = JsonNode.Parse(json.Out)!.AsObject();
        Assert.Null(document["createdTime"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", document["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_withoutTerminalOrYes_hintNamesPlan_notAnOptionApplyLacks()
    {
        await using var cli = await WorkspaceAsync();

        var result = await cli.RunAsync("apply");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Review the change with `descope-mgmt plan`", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--dry-run", result.Error, StringComparison.Ordinal);
    }

    // In backticks (hints), a plain string literal, or a list of examples ("Examples: descope-mgmt a; descope-mgmt b").
    [GeneratedRegex(@"`descope-mgmt ([^`]*)`|(?<!\$)""descope-mgmt ([^""{]*)""|(?:Examples?: |; |, or )descope-mgmt ([^"";,`]*)")]
    private static partial Regex NamedCommand();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Interpolation();

    // Comments speak to developers (`descope-mgmt completion SHELL`), not to users: only messages and help count.
    [GeneratedRegex(@"^\s*//.*$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"\s+(?:[>|]|&&|2>).*$")]
    private static partial Regex ShellContinuation();

    /// <summary>
    /// Every `descope-mgmt ...` a message of the source names parses with the real command tree, so a hint
    /// cannot send users to a command or an option that does not exist. Interpolated parts become a value.
    /// </summary>
    [Fact]
    public void Hints_everyCommandNamedInTheSource_parsesWithTheRealCommandTree()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var root = CommandTree.Build(new CommandRunner(new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null, In = TextReader.Null, GetVariable = _ => null }));
        var named = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => NamedCommand().Matches(CommentLine().Replace(File.ReadAllText(f), ""))
                .Select(m => (File: Path.GetFileName(f), Command: m.Groups.Values.Skip(1).First(g => g.Success).Value.Trim())))
            .Distinct()
            .ToList();
        var broken = new List<string>();
        foreach (var (file, command) in named)
        {
            var text = command;
            while (Interpolation().IsMatch(text))
            {
                text = Interpolation().Replace(text, "x");
            }

            text = text.Replace("...", "x", StringComparison.Ordinal).Replace("<id>", "x", StringComparison.Ordinal);
            // An example may go on in the shell (`> audit.csv`, `| jq`): only the command itself is parsed.
            text = ShellContinuation().Replace(text, "");
            // A leading interpolation ({noun} list, {operation}) stands for a command path: one must make it parse.
            var paths = root.Subcommands.SelectMany(c => c.Subcommands.Select(s => $"{c.Name} {s.Name}").Prepend(c.Name)).ToList();
            var candidates = text.StartsWith('x')
                ? paths.Select(p => p + text[(text.IndexOf(' ', StringComparison.Ordinal) is var space and >= 0 ? space : text.Length)..]).ToList()
                : [text];
            var firstErrors = candidates.Select(c => root.Parse(c.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Errors).ToList();
            if (firstErrors.All(e => e.Count > 0))
            {
                broken.Add($"{file}: `descope-mgmt {command}`: {firstErrors[0][0].Message}");
            }
        }

        Assert.True(named.Count > 20, $"only {named.Count} commands found: the pattern no longer matches how hints are written");
        Assert.Empty(broken);
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]+")]
    private static partial Regex NamedOption();

    /// <summary>Every --option the source names (hints, errors, help) is an option of some command: none is invented or left behind by a rename.</summary>
    [Fact]
    public void Hints_everyOptionNamedInTheSource_existsInTheCommandTree()
    {
        var root = CommandTree.Build(new CommandRunner(new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null, In = TextReader.Null, GetVariable = _ => null }));
        var defined = new HashSet<string>(StringComparer.Ordinal) { "--help", "--version" };
        var commands = new Stack<Command>([root]);
        while (commands.TryPop(out var command))
        {
            foreach (var option in command.Options)
            {
                defined.Add(option.Name);
                defined.UnionWith(option.Aliases);
            }

            foreach (var sub in command.Subcommands)
            {
                commands.Push(sub);
            }
        }

        var unknown = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => NamedOption().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .Where(named => !defined.Contains(named[(named.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
            .Distinct()
            .ToList();

        Assert.True(defined.Count > 40, "the command tree was not walked");
        Assert.Empty(unknown);
    }

    [Fact]
    public void CliSource_printsNoCountAsNounWithParenthesisedS()
    {
        var cli = Path.Combine(RepositoryRoot(), "src", "DescopeMgmt.Cli");
        var found = Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith("Plural.cs", StringComparison.Ordinal))
            .SelectMany(f => CountWithParenthesisedS().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .ToList();

        Assert.Empty(found);
    }

    [GeneratedRegex(@"\}[ \w]*\w\(s\)")]
    private static partial Regex CountWithParenthesisedS();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "descope-mgmt.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("descope-mgmt.slnx not found above the test folder");
    }
}
