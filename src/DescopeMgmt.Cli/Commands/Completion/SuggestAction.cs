using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using DescopeMgmt.Cli.Commands.Help;

namespace DescopeMgmt.Cli.Commands.Completion;

/// <summary>
/// Answers <c>descope-mgmt [suggest:N] "LINE"</c>, the call the completion scripts make on each TAB: the words
/// that can follow LINE cut at position N, one a line. LINE is what follows the program name (a leading
/// program name is dropped too, as dotnet-suggest sends it). Compared with System.CommandLine's own answer,
/// this one keeps only words that start with what is typed (shells insert them as they are), offers options
/// only once a dash is typed (so an empty word completes commands, or file names when the shell falls back
/// to them), lists each word once, leaves out the /? -? /h spellings of --help, and leaves out global
/// options the command does not act on.
/// </summary>
internal sealed class SuggestAction(SuggestDirective directive) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    /// <summary>Makes the root's [suggest] directive answer with <see cref="Suggest"/>.</summary>
    public static void Attach(RootCommand root)
    {
        foreach (var suggest in root.Directives.OfType<SuggestDirective>())
        {
            suggest.Action = new SuggestAction(suggest);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var line = parseResult.Tokens.LastOrDefault(t => t.Type != TokenType.Directive)?.Value ?? "";
        var requested = parseResult.GetResult(directive)?.Values.SingleOrDefault();
        var position = int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, line.Length) : line.Length;
        var root = parseResult.RootCommandResult.Command;
        var output = parseResult.InvocationConfiguration.Output;
        foreach (var word in Suggest(root, line[..position]))
        {
            output.Write(word);
            output.Write('\n');
        }

        return 0;
    }

    /// <summary>The words that can complete the last word of <paramref name="line"/> (the text before the cursor).</summary>
    public static IReadOnlyList<string> Suggest(Command root, string line)
    {
        line = WithoutProgramName(line);
        var typed = line.Length == 0 || char.IsWhiteSpace(line[^1]) ? "" : line[(line.LastIndexOfAny([' ', '\t']) + 1)..];
        var parse = root.Parse(line);
        var command = parse.CommandResult.Command;
        var ignored = IgnoredOptionNames(root, command);
        return parse.GetCompletions(line.Length)
            .Select(c => c.Label)
            .Where(word => word.StartsWith(typed, StringComparison.Ordinal))
            .Where(word => typed.StartsWith('-') || !word.StartsWith('-'))
            .Where(word => !word.StartsWith('/') && word != "-?" && !ignored.Contains(word))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static string WithoutProgramName(string line)
    {
        var trimmed = line.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\t']);
        var first = end < 0 ? trimmed : trimmed[..end];
        return end >= 0 && Path.GetFileNameWithoutExtension(first) == App.ToolInfo.Name ? trimmed[(end + 1)..].TrimStart() : trimmed;
    }

    /// <summary>Names of global options the command does not act on, unless an option of its own has the same name.</summary>
    private static HashSet<string> IgnoredOptionNames(Command root, Command command)
    {
        var acted = CommandHelp.GlobalsFor(command);
        var own = command.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        return root.Options
            .Where(o => o.Recursive && o is not HelpOption && !acted.Contains(o))
            .SelectMany(o => o.Aliases.Append(o.Name))
            .Where(name => !own.Contains(name))
            .ToHashSet(StringComparer.Ordinal);
    }
}
