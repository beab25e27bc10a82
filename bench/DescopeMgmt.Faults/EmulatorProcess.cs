namespace DescopeMgmt.Faults;

/// <summary>`descope-mgmt emulator serve` as its own process, on a free loopback port, persisting to a data folder.</summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly ChildProcess _child;

    private EmulatorProcess(ChildProcess child, Uri baseUrl)
    {
        _child = child;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<EmulatorProcess> StartAsync(Cli cli, Sandbox sandbox, params string[] options)
    {
        string[] command = [.. cli.Command, "emulator", "serve", "--data-dir", sandbox.EmulatorData, .. options];
        var child = ChildProcess.Start(command, new Dictionary<string, string> { ["DESCOPE_MANAGEMENT_KEY"] = Sandbox.Key }, sandbox.Root);
        if (!await child.WaitForLineAsync(l => l.StartsWith("http://", StringComparison.Ordinal), TimeSpan.FromSeconds(30)))
        {
            var error = child.Error;
            child.Dispose();
            throw new InvalidOperationException($"emulator serve {string.Join(' ', options)} did not print its URL: {error}");
        }

        var url = child.Out.Split('\n').First(l => l.StartsWith("http://", StringComparison.Ordinal)).Trim();
        return new EmulatorProcess(child, new Uri(url));
    }

    /// <summary>Ctrl-C, then a kill if it does not stop: its writes are atomic, so either leaves the last whole state.</summary>
    public async ValueTask DisposeAsync()
    {
        _child.Signal(2);
        await _child.WaitAsync(TimeSpan.FromSeconds(5));
        _child.Dispose();
    }
}
