using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text;

namespace DescopeMgmt.Cli.Commands.Help;

/// <summary>
/// The --help page of every command: description, usage, arguments, the command's own options, the
/// global options it acts on in one line (the top-level page describes them, once), subcommands and
/// examples. It replaces System.CommandLine's page, which repeats every global option with its
/// description on every page and has no place for examples.
/// </summary>
internal sealed class HelpPage(Func<int> width) : SynchronousCommandLineAction
{
    private const string Indent = "  ";

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.Write(Render(parseResult.CommandResult.Command, width()));
        return 0;
    }

    /// <summary>Makes the root's --help (and the help a usage error prints) use this page.</summary>
    public static void Attach(RootCommand root, Func<int> width)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new HelpPage(width);
        }
    }

    /// <summary>The terminal's width when stdout is one, so descriptions wrap under their column; else no wrapping.</summary>
    public static int TerminalWidth(bool outIsTerminal)
    {
        if (!outIsTerminal)
        {
            return int.MaxValue;
        }

        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : int.MaxValue;
        }
        catch (IOException)
        {
            return int.MaxValue;
        }
    }

    public static string Render(Command command, int width = int.MaxValue)
    {
        var page = new StringBuilder();
        var isRoot = command is RootCommand;
        var path = CommandHelp.PathOf(command);
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();

        Section(page, "Description:", Wrap(command.Description ?? "", width, Indent.Length).Select(line => Indent + line));
        Section(page, "Usage:", [Indent + Usage(command, path, subcommands.Count > 0)]);

        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        if (arguments.Count > 0)
        {
            Section(page, "Arguments:", Columns(arguments.Select(a => (ArgumentLabel(a), a.Description ?? "")), width));
        }

        // --help and --version last: the root gets them first from System.CommandLine, and they matter least.
        var options = command.Options.Where(o => !o.Hidden && o is not HelpOption and not VersionOption)
            .Select(o => (OptionLabel(o), OptionDescription(o))).ToList();
        options.Add(("-h, --help", "Show help: options and examples."));
        if (isRoot)
        {
            options.Add(("--version", "Show the version."));
            Section(page, "Global options:", Columns(options, width));
        }
        else
        {
            Section(page, "Options:", Columns(options, width));
            var globals = CommandHelp.GlobalsFor(command);
            var line = $"Global options: {string.Join(", ", globals.Select(ShortLabel))} (described in `{App.ToolInfo.Name} --help`).";
            page.Append(string.Join('\n', Wrap(line, width, 0))).Append("\n\n");
        }

        if (subcommands.Count > 0)
        {
            var hint = $"Run `{App.ToolInfo.Name} {(path.Length == 0 ? "" : path + " ")}<command> --help` for a command's options and examples.";
            Section(page, "Commands:", Columns(subcommands.Select(c => (c.Name, c.Description ?? "")), width)
                .Append("").Concat(Wrap(hint, width, Indent.Length).Select(line => Indent + line)));
        }

        var examples = CommandHelp.ExamplesFor(command);
        if (examples.Count > 0)
        {
            Section(page, "Examples:", examples.SelectMany(e => new[] { $"{Indent}# {e.Purpose}", Indent + e.CommandLine }));
        }

        return page.ToString();
    }

    private static void Section(StringBuilder page, string title, IEnumerable<string> lines)
    {
        page.Append(title).Append('\n');
        foreach (var line in lines)
        {
            page.Append(line.TrimEnd()).Append('\n');
        }

        page.Append('\n');
    }

    private static string Usage(Command command, string path, bool hasSubcommands)
    {
        var words = new List<string> { App.ToolInfo.Name };
        if (path.Length > 0)
        {
            words.Add(path);
        }

        if (hasSubcommands)
        {
            // A group without an action of its own needs one of its commands.
            words.Add(command.Action is null ? "<command>" : "[command]");
        }

        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            var label = ArgumentLabel(argument) + (argument.Arity.MaximumNumberOfValues > 1 ? "..." : "");
            words.Add(argument.Arity.MinimumNumberOfValues == 0 ? $"[{label}]" : label);
        }

        words.Add("[options]");
        return string.Join(' ', words);
    }

    private static string ArgumentLabel(Argument argument) => $"<{argument.HelpName ?? argument.Name}>";

    private static string OptionLabel(Option option)
    {
        var label = string.Join(", ", Names(option));
        if (ValueLabel(option) is { } value)
        {
            label += " " + value;
        }

        return option.Required ? label + " (REQUIRED)" : label;
    }

    /// <summary>Short forms first, as in "-o, --out-dir".</summary>
    private static List<string> Names(Option option) =>
        [.. option.Aliases.Append(option.Name).Distinct(StringComparer.Ordinal)
            .OrderBy(n => n.StartsWith("--", StringComparison.Ordinal) ? 1 : 0).ThenBy(n => n, StringComparer.Ordinal)];

    private static string ShortLabel(Option option) => string.Join('/', Names(option));

    private static string? ValueLabel(Option option)
    {
        if (option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool) || option.ValueType == typeof(bool?))
        {
            return null;
        }

        if (option.HelpName is { } name)
        {
            return $"<{name}>";
        }

        var choices = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).Order(StringComparer.Ordinal).ToList();
        return choices.Count > 0 ? $"<{string.Join('|', choices)}>" : $"<{option.Name.TrimStart('-')}>";
    }

    private static string OptionDescription(Option option)
    {
        var description = option.Description ?? "";
        if (option.HasDefaultValue && option.ValueType != typeof(bool) && option.GetDefaultValue() is { } value)
        {
            var text = value is IEnumerable<string> list ? string.Join('|', list) : Convert.ToString(value, CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(text))
            {
                description += $" [default: {text}]";
            }
        }

        return description;
    }

    private static IEnumerable<string> Columns(IEnumerable<(string Label, string Text)> rows, int width)
    {
        var list = rows.ToList();
        var column = list.Max(r => r.Label.Length);
        var textIndent = Indent.Length + column + 2;
        foreach (var (label, text) in list)
        {
            var lines = Wrap(text, width, textIndent);
            yield return Indent + label.PadRight(column) + "  " + lines.FirstOrDefault();
            foreach (var line in lines.Skip(1))
            {
                yield return new string(' ', textIndent) + line;
            }
        }
    }

    /// <summary>Word-wraps text to fit after <paramref name="indent"/> columns; never wraps narrower than 30 columns.</summary>
    private static List<string> Wrap(string text, int width, int indent)
    {
        var room = width == int.MaxValue ? int.MaxValue : width - indent - 1;
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            if (room < 30 || paragraph.Length <= room)
            {
                lines.Add(paragraph);
                continue;
            }

            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' '))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > room)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : "").Append(word);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }
}
