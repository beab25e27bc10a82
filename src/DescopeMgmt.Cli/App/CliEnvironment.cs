namespace DescopeMgmt.Cli.App;

/// <summary>
/// Everything the CLI takes from the process: streams, environment variables, terminal, clock.
/// Tests build one by hand so commands run in-process without touching the real console.
/// </summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader In { get; init; }

    /// <summary>True when a person can answer a prompt (stdin and stderr are terminals).</summary>
    public bool IsInteractive { get; init; }

    /// <summary>True when stderr is a terminal, so colours and progress bars make sense.</summary>
    public bool ErrorIsTerminal { get; init; }

    public bool OutIsTerminal { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>
    /// Values that must never be printed or written: DESCOPE_MANAGEMENT_KEY, plus the key of the target
    /// once it is resolved (a workspace environment may read it from any variable it names).
    /// </summary>
    public IReadOnlyList<string> Secrets => NonEmpty(GetVariable("DESCOPE_MANAGEMENT_KEY")) is { } key
        ? [key, .. _resolvedSecrets.Where(s => s != key)]
        : _resolvedSecrets;

    private readonly List<string> _resolvedSecrets = [];

    internal void AddSecret(string value)
    {
        if (value.Length > 0 && !_resolvedSecrets.Contains(value))
        {
            _resolvedSecrets.Add(value);
        }
    }

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        IsInteractive = !Console.IsInputRedirected && !Console.IsErrorRedirected,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        OutIsTerminal = !Console.IsOutputRedirected,
        GetVariable = Environment.GetEnvironmentVariable,
    };

    /// <summary>~/.descope-mgmt, or DESCOPE_MGMT_HOME.</summary>
    public string HomeDirectory =>
        NonEmpty(GetVariable("DESCOPE_MGMT_HOME"))
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".descope-mgmt");

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
