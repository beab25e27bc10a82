using System.Runtime.InteropServices;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// SIGINT (Ctrl-C), SIGTERM (a cancelled CI job) and SIGHUP (a closed terminal) all mean "stop": the
/// first cancels the command's token, so the item in flight finishes, nothing new starts, every wait
/// ends and the report, undo line and audit record are written; a second one lets the default action end
/// the process at once (the project lock names a dead process and is taken over by the next change).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _error;

    public StopSignals(TextWriter error)
    {
        _error = error;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // Windows has no SIGHUP; Ctrl-C and closing the console still arrive as SIGINT/SIGTERM.
            }
        }
    }

    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
        {
            context.Cancel = false;
            return;
        }

        context.Cancel = true;
        _stop.Cancel();
        try
        {
            _error.WriteLine($"{context.Signal} received: stopping once the step in flight is done (send it again to stop at once).");
        }
        catch (IOException)
        {
            // A hung-up terminal cannot be written to; the stop goes on without the notice.
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }
}
