using System.Diagnostics;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Emulator;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Bench;

/// <summary>An emulator on loopback plus the CLI run in-process, as a user would run it, with a private home.</summary>
internal sealed class BenchHarness : IAsyncDisposable
{
    public const string ProjectId = "P2BenchProject0000000000001";
    public const string Key = "K2BenchKey";

    private readonly TempDirectory _temp = new();

    private BenchHarness(EmulatorHost host) => Host = host;

    public EmulatorHost Host { get; }

    public string Home => Path.Combine(_temp.Path, "home");

    public string Root => _temp.Path;

    public static async Task<BenchHarness> StartAsync(EmulatorOptions? options = null) =>
        new(await EmulatorHost.StartAsync(options ?? new EmulatorOptions { ManagementKey = Key }));

    public DescopeClient Client(RateLimitPolicy? rate = null) => new(new DescopeClientOptions
    {
        ProjectId = ProjectId,
        ManagementKey = Key,
        BaseUrl = Host.BaseUrl,
        RateLimit = rate,
    });

    /// <summary>Runs one CLI command and returns its exit code, wall time and captured output.</summary>
    public async Task<(int Exit, TimeSpan Wall, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var variables = new Dictionary<string, string>
        {
            ["DESCOPE_PROJECT_ID"] = ProjectId,
            ["DESCOPE_MANAGEMENT_KEY"] = Key,
            ["DESCOPE_BASE_URL"] = Host.BaseUrl.ToString().TrimEnd('/'),
            ["DESCOPE_MGMT_HOME"] = Home,
        };
        var env = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = TextReader.Null,
            GetVariable = name => variables.TryGetValue(name, out var v) ? v : null,
            CurrentDirectory = Root,
        };
        var watch = Stopwatch.StartNew();
        var exit = await CliApp.RunAsync(args, env, CancellationToken.None);
        return (exit, watch.Elapsed, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _temp.Dispose();
    }
}
