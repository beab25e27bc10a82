using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// The only way commands write: results to stdout (a table/text, or exactly one JSON document with
/// --output json), everything else (messages, progress, prompts) to stderr.
/// </summary>
public sealed class CliIO
{
    private readonly CliEnvironment _env;
    private readonly GlobalSettings _settings;
    private readonly RedactingWriter _out;
    private readonly RedactingWriter _err;

    // One message at a time on stderr: a warning from a worker thread must not land inside an error line.
    private readonly Lock _messages = new();

    public CliIO(CliEnvironment env, GlobalSettings settings)
    {
        _env = env;
        _settings = settings;
        _out = new RedactingWriter(env.Out, () => env.Secrets, lineBuffered: !env.OutIsTerminal);
        _err = new RedactingWriter(env.Error, () => env.Secrets, lineBuffered: !env.ErrorIsTerminal);
        var color = !settings.NoColor && CliEnvironment.NonEmpty(env.GetVariable("NO_COLOR")) is null;
        Out = CreateConsole(_out, color && env.OutIsTerminal, interactive: false, env.OutIsTerminal, Columns(env));
        Err = CreateConsole(_err, color && env.ErrorIsTerminal, env.IsInteractive, env.ErrorIsTerminal, Columns(env));
        UseColor = color && env.ErrorIsTerminal;
    }

    /// <summary>Console over stdout, for result tables.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Console over stderr, for messages, progress and prompts.</summary>
    public IAnsiConsole Err { get; }

    public bool Json => _settings.Json;

    public bool Quiet => _settings.Quiet;

    public bool UseColor { get; }

    /// <summary>Progress bars only where a person watches stderr and JSON is not requested.</summary>
    public bool ShowProgress => _env.ErrorIsTerminal && !_settings.Quiet && !_settings.Json;

    public TextReader In => _env.In;

    public bool IsInteractive => _env.IsInteractive;

    /// <summary>Writes the result of a command: one JSON document, or the text rendering.</summary>
    public void Result<T>(T result, JsonTypeInfo<T> jsonType, Action<IAnsiConsole, T> renderText)
    {
        if (Json)
        {
            _out.WriteLine(JsonSerializer.Serialize(result, jsonType));
        }
        else
        {
            renderText(Out, result);
        }
    }

    /// <summary>
    /// The final word of a command that has no other result (no changes, a dry run, files written):
    /// on stderr for people, as the one JSON document on stdout with --output json.
    /// </summary>
    public void Outcome(string message, string? path = null)
    {
        if (Json)
        {
            Result(new Rendering.MessageDocument(message, path), Rendering.CliJsonContext.Default.MessageDocument, (_, _) => { });
        }
        else
        {
            Success(message);
        }
    }

    /// <summary>A progress or status line on stderr (hidden by --quiet).</summary>
    public void Info(string text)
    {
        if (!Quiet)
        {
            lock (_messages)
            {
                Err.WriteLine(text);
            }
        }
    }

    public void Success(string text)
    {
        if (!Quiet)
        {
            Markup($"[green]{Spectre.Console.Markup.Escape(text)}[/]");
        }
    }

    /// <summary>
    /// Warnings reported from Core as they happen, on the reporting thread: a <see cref="Progress{T}"/>
    /// would post them to the thread pool, where they could land after (or inside) the error that follows.
    /// </summary>
    public IProgress<string> Warnings => new SynchronousProgress<string>(Warn);

    /// <summary>A warning on one unwrapped line, so the paths and commands it names can be copied whole.</summary>
    public void Warn(string text)
    {
        lock (_messages)
        {
            WriteUnwrapped("Warning:", "33", text);
        }
    }

    public void Verbose(string text)
    {
        if (_settings.Verbose)
        {
            Markup($"[grey]{Spectre.Console.Markup.Escape(text)}[/]");
        }
    }

    /// <summary>One line of Spectre markup on stderr, never interleaved with another message.</summary>
    public void Markup(string markup)
    {
        lock (_messages)
        {
            Err.MarkupLine(markup);
        }
    }

    public void WriteError(string message, string? hint)
    {
        lock (_messages)
        {
            // Unwrapped, like hints: an error names paths and IDs that are copied whole.
            WriteUnwrapped("Error:", "31", message);
            if (!string.IsNullOrWhiteSpace(hint))
            {
                WriteUnwrapped("Hint:", "90", hint);
            }
        }
    }

    /// <summary>Pushes out what stderr holds back (before a prompt waits for an answer, and at exit).</summary>
    public void FlushErrors() => _err.Flush();

    /// <summary>Pushes out both streams; called once when the command ends.</summary>
    public void Flush()
    {
        _out.Flush();
        _err.Flush();
    }

    /// <summary>
    /// A command to copy, such as the undo of a change: one line, never wrapped. Kept with --quiet: the undo
    /// of a change is a result a script needs, not chatter.
    /// </summary>
    public void CommandLine(string label, string command)
    {
        lock (_messages)
        {
            WriteUnwrapped(label, "36", command);
        }
    }

    /// <summary>A line on stderr a script needs even with --quiet (the backup a change took).</summary>
    public void Essential(string text)
    {
        lock (_messages)
        {
            Err.WriteLine(text);
        }
    }

    // Spectre wraps at the console width by inserting line breaks, which would break a command the user
    // copies out of a hint; these lines go to the stream as they are and let the terminal fold them.
    private void WriteUnwrapped(string label, string ansiColor, string text) =>
        _err.WriteLine(UseColor ? $"\u001b[{ansiColor}m{label}\u001b[0m {text}" : $"{label} {text}");

    public void WriteRawOut(string text) => _out.Write(text);

    /// <summary>
    /// A rule across stdout with a title: as wide as the terminal, or 80 columns in a log (a rule spans the
    /// console's width, and a log's is unbounded).
    /// </summary>
    public void Rule(string titleMarkup)
    {
        var width = Out.Profile.Width;
        Out.Profile.Width = width == UnwrappedWidth ? 80 : width;
        try
        {
            Out.Write(new Rule(titleMarkup).LeftJustified());
        }
        finally
        {
            Out.Profile.Width = width;
        }
    }

    /// <summary>
    /// The width of a stream that is not a terminal: nothing is wrapped there, because a CI log or a file
    /// has no width and a wrapped line splits an ID or a command that is searched for or copied whole.
    /// </summary>
    internal const int UnwrappedWidth = 1 << 20;

    private static IAnsiConsole CreateConsole(TextWriter writer, bool color, bool interactive, bool terminal, int? columns)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
        {
            console.Profile.Width = UnwrappedWidth;
        }
        else if (columns is { } width)
        {
            // COLUMNS, as a shell or `COLUMNS=200 descope-mgmt ...` sets it, wins over the detected width.
            console.Profile.Width = width;
        }

        return console;
    }

    private static int? Columns(CliEnvironment env) =>
        int.TryParse(env.GetVariable("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns) && columns is > 0 and < UnwrappedWidth
            ? columns
            : null;
}
