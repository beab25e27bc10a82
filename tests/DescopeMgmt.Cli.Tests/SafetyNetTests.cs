using System.Text.Json.Nodes;

namespace DescopeMgmt.Cli.Tests;

/// <summary>Inputs that used to change live state when they should not have, and the last guard on secrets.</summary>
public sealed class SafetyNetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"anything":"goes"}""")]
    [InlineData("""{"styles":"not-an-object"}""")]
    [InlineData("""[1,2]""")]
    public async Task ThemeImport_notAV2Theme_isRefusedBeforeAnyCall_andLiveThemeUnchanged(string content)
    {
        await using var cli = await CliHarness.StartAsync();
        using var client = cli.Client();
        var before = await client.Themes.ExportAsync(Ct);
        var file = Path.Combine(cli.Root, "theme.json");
        await File.WriteAllTextAsync(file, content, Ct);
        cli.Host.Requests.Clear();

        var result = await cli.RunAsync("theme", "import", file, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not a v2 theme", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
        Assert.Equal(before.ToJsonString(), (await client.Themes.ExportAsync(Ct)).ToJsonString());
    }

    [Theory]
    [InlineData("flow")]
    [InlineData("tenant")]
    public async Task Sync_applyWithDryRun_isAUsageError_andChangesNothing(string noun)
    {
        await using var cli = await TestWorkspace.WorkspaceAsync();
        cli.Host.Requests.Clear();

        var result = await cli.RunAsync(noun, "sync", "--apply", "--dry-run", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not both", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task SyncDryRun_showsThePlan_andChangesNothing()
    {
        await using var cli = await TestWorkspace.WorkspaceAsync();
        cli.Host.Requests.Clear();

        var result = await cli.RunAsync("tenant", "sync", "--dry-run", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Dry run", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task LiveValueEqualToTheKey_isRedactedInEveryRendering()
    {
        await using var cli = await TestWorkspace.WorkspaceAsync();
        using (var client = cli.Client())
        {
            // Someone pasted the key into a tenant's name in the console: every rendering must hide it.
            await client.Tenants.CreateAsync(new DescopeMgmt.Api.Tenants.TenantWrite { Id = "acme", Name = CliHarness.Key }, Ct);
        }

        var outputs = new List<CliResult>
        {
            await cli.RunAsync("plan"),
            await cli.RunAsync("plan", "--output", "json"),
            await cli.RunAsync("drift", "--format", "markdown"),
            await cli.RunAsync("drift", "--format", "json"),
            await cli.RunAsync("tenant", "get", "acme"),
            await cli.RunAsync("tenant", "list", "--output", "json"),
            await cli.RunAsync("tenant", "get", "acme", "-v"),
        };

        foreach (var output in outputs)
        {
            Assert.DoesNotContain(CliHarness.Key, output.All, StringComparison.Ordinal);
        }

        Assert.Contains("(sensitive)", outputs[0].All, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(outputs[1].Out));
    }

    [Fact]
    public async Task Plan_wrongKey_isOneUnauthorizedError_notExportUnavailable_andNoInterleavedWarning()
    {
        await using var cli = await TestWorkspace.WorkspaceAsync();
        cli.Variables["DEV_KEY"] = "K2WrongKeyForThisProject000000000";

        var result = await cli.RunAsync("plan");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not available", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning:", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n'), l => l.StartsWith("Error:", StringComparison.Ordinal));
        Assert.DoesNotContain("K2WrongKeyForThisProject000000000", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlC_atTheConfirmationPrompt_endsTheWait_exits130_changesNothing_andAuditsInterrupted()
    {
        await using var cli = await CliHarness.StartAsync();
        using var stdin = new SilentTerminal();
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = cli.RunWithTerminalAsync(["tenant", "create", "acme", "--name", "Acme"], stdin, ctrlC.Token);
        await stdin.Asked.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await ctrlC.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(130, result.ExitCode);
        Assert.Empty(cli.WritingRequests());
        var entry = JsonNode.Parse((await cli.RunAsync("audit", "list", "--output", "json")).Out)!["items"]![0]!;
        Assert.Equal("interrupted", entry["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task CtrlC_atTheConfirmationPrompt_outputJson_printsTheChangeDocument_withItsItemsNotStarted()
    {
        await using var cli = await CliHarness.StartAsync();
        using var stdin = new SilentTerminal();
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = cli.RunWithTerminalAsync(["tenant", "create", "acme", "--name", "Acme", "--output", "json"], stdin, ctrlC.Token);
        await stdin.Asked.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await ctrlC.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(130, result.ExitCode);
        var document = JsonNode.Parse(result.Out)!;
        Assert.Equal("tenant create", document["operation"]!.GetValue<string>());
        Assert.Equal("interrupted", document["outcome"]!.GetValue<string>());
        Assert.Equal("interrupted", document["error"]!["code"]!.GetValue<string>());
        var item = Assert.Single(document["items"]!.AsArray())!;
        Assert.Equal("tenant:acme", item["target"]!.GetValue<string>());
        Assert.Equal("not-started", item["result"]!.GetValue<string>());
        Assert.Null(document["undo"]);
    }

    /// <summary>A terminal where nobody answers: ReadLine blocks until the test ends.</summary>
    private sealed class SilentTerminal : TextReader
    {
        private readonly ManualResetEventSlim _never = new();

        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override string? ReadLine()
        {
            Asked.TrySetResult();
            _never.Wait(TimeSpan.FromMinutes(2));
            return null;
        }

        protected override void Dispose(bool disposing)
        {
            _never.Set();
            _never.Dispose();
            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task ThemeExport_ontoALinkOrAFolder_isRefused_andReplacesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        var kept = Path.Combine(cli.Root, "kept.json");
        await File.WriteAllTextAsync(kept, "keep me", Ct);
        var link = Path.Combine(cli.Root, "link.json");
        File.CreateSymbolicLink(link, kept);
        var folder = Path.Combine(cli.Root, "folder");
        Directory.CreateDirectory(folder);

        var onLink = await cli.RunAsync("theme", "export", "-o", link);
        var onFolder = await cli.RunAsync("theme", "export", "-o", folder);

        Assert.Equal(1, onLink.ExitCode);
        Assert.Contains("is a link to", onLink.Error, StringComparison.Ordinal);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("keep me", await File.ReadAllTextAsync(kept, Ct));
        Assert.Equal(1, onFolder.ExitCode);
        Assert.Contains("is a folder", onFolder.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5/99999999999999d", "longer than")]
    [InlineData("5/1e400s", "longer than")]
    [InlineData("5/NaNs", "positive number")]
    public async Task RateLimit_hugeOrNonsenseWindow_isAClearError_notACrash(string value, string expected)
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("flow", "list", "--rate-limit", value);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherEnvironmentsKey_inLiveState_isRedactedToo()
    {
        const string prodKey = "K2ProdKeyThatADevRunMustNotPrint0001";
        await using var cli = await TestWorkspace.WorkspaceAsync();
        cli.Variables["PROD_KEY"] = prodKey;
        using (var client = cli.Client())
        {
            await client.Tenants.CreateAsync(new DescopeMgmt.Api.Tenants.TenantWrite { Id = "acme", Name = prodKey }, Ct);
        }

        var plan = await cli.RunAsync("plan", "--env", "dev");

        Assert.DoesNotContain(prodKey, plan.All, StringComparison.Ordinal);
        Assert.Contains("(sensitive)", plan.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyWithCharactersJsonEscapes_isRedactedInJsonOutputToo()
    {
        const string key = "K2Key+With<Chars>&Quotes'0001";
        await using var cli = await CliHarness.StartAsync(new DescopeMgmt.Emulator.EmulatorOptions { ManagementKey = key });
        cli.Variables["DESCOPE_MANAGEMENT_KEY"] = key;
        using (var client = new DescopeMgmt.Api.DescopeClient(new DescopeMgmt.Api.DescopeClientOptions { ProjectId = CliHarness.ProjectId, ManagementKey = key, BaseUrl = cli.Host.BaseUrl }))
        {
            await client.Tenants.CreateAsync(new DescopeMgmt.Api.Tenants.TenantWrite { Id = "acme", Name = key }, Ct);
        }

        var result = await cli.RunAsync("tenant", "list", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(key, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Text.Json.JsonEncodedText.Encode(key).ToString(), result.All, StringComparison.Ordinal);
        Assert.Equal("(sensitive)", JsonNode.Parse(result.Out)!["items"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UndoCommand_quotesAnIdWithShellCharacters_soPastingItActsOnThatTenant()
    {
        await using var cli = await CliHarness.StartAsync();

        var create = await cli.RunAsync("tenant", "create", "acme;corp", "--name", "Acme", "--yes");

        Assert.Equal(0, create.ExitCode);
        Assert.Contains("tenant rollback --tenant-id 'acme;corp' --backup ", create.Error, StringComparison.Ordinal);
    }
}
