using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace DescopeMgmt.Faults;

/// <summary>One finished CLI run: what a script in CI would see.</summary>
internal sealed record CliRun(string[] Args, int Exit, string Out, string Error, bool TimedOut)
{
    public string All => Out + "\n" + Error;
}

/// <summary>
/// A running child process with its output captured line by line, so a scenario can wait for a line
/// (the emulator's URL, a progress line) instead of sleeping, and send it a real POSIX signal.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly object _gate = new();
    private readonly Task _outDone;
    private readonly Task _errorDone;
    private TaskCompletionSource _lineSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process)
    {
        _process = process;
        _outDone = PumpAsync(process.StandardOutput, _out);
        _errorDone = PumpAsync(process.StandardError, _error);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing of the suite's own environment reaches the CLI: a developer's DESCOPE_* would change the target.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DESCOPE", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
        process.StandardInput.Close();
        return new ChildProcess(process);
    }

    public string Out
    {
        get
        {
            lock (_gate)
            {
                return _out.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_gate)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Waits until a line of stdout or stderr satisfies <paramref name="match"/>; false on exit or timeout.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task seen;
            lock (_gate)
            {
                if ((_out + "\n" + _error).Split('\n').Any(match))
                {
                    return true;
                }

                seen = _lineSeen.Task;
            }

            if (_process.HasExited)
            {
                // Nothing more will come once the pipes are drained: one last look, then give up.
                await Task.WhenAll(_outDone, _errorDone);
                lock (_gate)
                {
                    return (_out + "\n" + _error).Split('\n').Any(match);
                }
            }

            try
            {
                await Task.WhenAny(seen, _process.WaitForExitAsync(cts.Token)).WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>Sends SIGINT (2), SIGTERM (15) or SIGKILL (9) to the process itself, as a terminal or CI runner would.</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, signal);
        }
    }

    public async Task<(int Exit, bool TimedOut)> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await Task.WhenAll(_outDone, _errorDone);
        return (_process.ExitCode, timedOut);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                into.Append(line).Append('\n');
                _lineSeen.TrySetResult();
                _lineSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
