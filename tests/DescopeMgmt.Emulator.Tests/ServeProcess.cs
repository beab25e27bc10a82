using System.Diagnostics;

namespace DescopeMgmt.Emulator.Tests;

/// <summary>`descope-mgmt emulator serve` as its own process, started as a user or a service manager would.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private ServeProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
    }

    public Uri BaseUrl { get; }

    public int Id => _process.Id;

    public static async Task<ServeProcess> StartAsync(string key, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "descope-mgmt.dll"));
        foreach (var arg in (string[])["emulator", "serve", "--port", "0", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DESCOPE_MANAGEMENT_KEY"] = key;
        var process = Process.Start(start)!;
        try
        {
            // The base URL is the contract's first stdout line: once it is printed the server is listening.
            var first = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)
                ?? throw new InvalidOperationException($"emulator serve printed nothing: {await process.StandardError.ReadToEndAsync()}");
            return new ServeProcess(process, new Uri(first));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, HUP, INT) the way `kill` does, since Process.Kill is SIGKILL.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code and stderr, or a failure if the process has not ended within a generous bound.</summary>
    public async Task<(int ExitCode, string Error)> WaitForExitAsync()
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail("emulator serve did not exit within 30 s of the signal");
        }

        return (_process.ExitCode, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
