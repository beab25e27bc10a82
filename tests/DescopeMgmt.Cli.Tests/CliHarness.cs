using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Emulator;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    /// <summary>The arguments of the "To undo: descope-mgmt ..." line a change prints, ready to run.</summary>
    public string UndoCommand => System.Text.RegularExpressions.Regex.Match(Error, "To undo: descope-mgmt (.+)").Groups[1].Value.Trim();
}

/// <summary>
/// Runs the whole CLI in-process against a real emulator on loopback, with captured streams and a
/// private home folder; the only fakes are the terminal, the environment variables and, when a test
/// sets <see cref="TimeProvider"/>, the clock.
/// </summary>
public sealed class CliHarness : IAsyncDisposable
{
    public const string ProjectId = "P2CliTestProject000000000001";
    public const string Key = "K2CliTestKeyThatMustNeverLeak0001";

    private readonly TempDirectory _temp = new();

    private CliHarness(EmulatorHost host)
    {
        Host = host;
        Variables = new Dictionary<string, string?>
        {
            ["DESCOPE_PROJECT_ID"] = ProjectId,
            ["DESCOPE_MANAGEMENT_KEY"] = Key,
            ["DESCOPE_BASE_URL"] = host.BaseUrl.ToString().TrimEnd('/'),
            ["DESCOPE_MGMT_HOME"] = Path.Combine(_temp.Path, "home"),
        };
        WorkingDirectory = Path.Combine(_temp.Path, "work");
        Directory.CreateDirectory(WorkingDirectory);
    }

    public EmulatorHost Host { get; }

    public Dictionary<string, string?> Variables { get; }

    public string WorkingDirectory { get; set; }

    /// <summary>The clock the CLI runs with: the one fake allowed besides the terminal (backup ages, prune).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public string Root => _temp.Path;

    public string Home => Variables["DESCOPE_MGMT_HOME"]!;

    public static async Task<CliHarness> StartAsync(EmulatorOptions? options = null)
    {
        var host = await EmulatorHost.StartAsync(options ?? new EmulatorOptions { ManagementKey = Key }, TestContext.Current.CancellationToken);
        return new CliHarness(host);
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, stdin: null, interactive: false);

    public Task<CliResult> RunAsync(string[] args, string? stdin, bool interactive, CancellationToken cancellationToken = default) =>
        RunCoreAsync(args, new StringReader(stdin ?? ""), interactive, cancellationToken);

    /// <summary>Runs with a terminal of the test's own (one that never answers, say).</summary>
    public Task<CliResult> RunWithTerminalAsync(string[] args, TextReader stdin, CancellationToken cancellationToken) =>
        RunCoreAsync(args, stdin, interactive: true, cancellationToken);

    private async Task<CliResult> RunCoreAsync(string[] args, TextReader stdin, bool interactive, CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = stdin,
            IsInteractive = interactive,
            GetVariable = name => Variables.TryGetValue(name, out var value) ? value : null,
            CurrentDirectory = WorkingDirectory,
            TimeProvider = TimeProvider,
        };
        var token = cancellationToken == default ? TestContext.Current.CancellationToken : cancellationToken;
        var exit = await CliApp.RunAsync(args, env, token);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public DescopeClient Client() => new(new DescopeClientOptions
    {
        ProjectId = ProjectId,
        ManagementKey = Key,
        BaseUrl = Host.BaseUrl,
    });

    /// <summary>The environment of a tests/conformance script (the official Node SDK) against this emulator, in <paramref name="mode"/>.</summary>
    public Dictionary<string, string> SdkScriptEnv(string mode) => new()
    {
        ["DESCOPE_BASE_URL"] = Host.BaseUrl.ToString().TrimEnd('/'),
        ["DESCOPE_PROJECT_ID"] = ProjectId,
        ["DESCOPE_MANAGEMENT_KEY"] = Key,
        ["MODE"] = mode,
    };

    /// <summary>What the official Node SDK reads back through <paramref name="script"/> in MODE=read, tenant items for <paramref name="tenants"/> (a comma list).</summary>
    public async Task<JsonNode> ReadThroughSdkAsync(string node, string script, string tenants = "")
    {
        var environment = SdkScriptEnv("read");
        environment["TENANTS"] = tenants;
        var read = await NodeScripts.RunAsync(node, script, environment);
        Assert.True(read.ExitCode == 0, read.Output);
        return JsonNode.Parse(read.Output)!;
    }

    /// <summary>
    /// Imports generated flows through the real client (not through the CLI under test), then clears
    /// the request log so a test sees only what the CLI sent.
    /// </summary>
    public async Task SeedFlowsAsync(params string[] flowIds)
    {
        using var client = Client();
        foreach (var id in flowIds)
        {
            await client.Flows.ImportAsync(id, FlowGenerator.Create(id, taskCount: 8, seed: id.Length), TestContext.Current.CancellationToken);
        }

        Host.Requests.Clear();
    }

    public async Task<JsonObject> ExportAsync(string flowId)
    {
        using var client = Client();
        return await client.Flows.ExportAsync(flowId, TestContext.Current.CancellationToken);
    }

    public string BackupRoot => Path.Combine(Home, "backups");

    /// <summary>Requests that could change live state (everything but reads).</summary>
    public IReadOnlyList<RecordedRequest> WritingRequests() => Host.Requests.Snapshot()
        .Where(r => r.Path.EndsWith("/import", StringComparison.Ordinal) || r.Path.EndsWith("/delete", StringComparison.Ordinal)
            || r.Path.EndsWith("/create", StringComparison.Ordinal) || r.Path.EndsWith("/update", StringComparison.Ordinal)
            || (r.Method == "POST" && r.Path.EndsWith("/password/settings", StringComparison.Ordinal)))
        .ToList();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _temp.Dispose();
    }
}
