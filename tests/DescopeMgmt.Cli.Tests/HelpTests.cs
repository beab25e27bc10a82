using System.CommandLine;
using System.CommandLine.Parsing;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands;
using DescopeMgmt.Cli.Commands.Help;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// Help that teaches: every leaf command shows one to three examples that parse, global options are
/// described once (top-level help), and a command's page offers only the options it acts on.
/// </summary>
public sealed class HelpTests
{
    private static RootCommand Tree() => CommandTree.Build(new CommandRunner(new CliEnvironment
    {
        Out = TextWriter.Null,
        Error = TextWriter.Null,
        In = TextReader.Null,
        GetVariable = _ => null,
    }));

    private static IEnumerable<Command> Leaves(Command command) =>
        command.Subcommands.Count == 0 ? [command] : command.Subcommands.SelectMany(Leaves);

    /// <summary>The descope-mgmt invocation in an example, without the shell around it (source &lt;(...), a redirect).</summary>
    private static string[] Invocation(string example)
    {
        var start = example.IndexOf(App.ToolInfo.Name + " ", StringComparison.Ordinal);
        var text = example[start..];
        foreach (var end in new[] { ")", " > ", " | " })
        {
            var at = text.IndexOf(end, StringComparison.Ordinal);
            text = at < 0 ? text : text[..at];
        }

        return [.. CommandLineParser.SplitCommandLine(text).Skip(1)];
    }

    [Fact]
    public void Examples_everyLeafCommand_hasOneToThree()
    {
        var root = Tree();

        var wrong = Leaves(root)
            .Select(c => (Path: CommandHelp.PathOf(c), CommandHelp.ExamplesFor(c).Count))
            .Where(c => c.Count is < 1 or > 3)
            .Select(c => $"{c.Path} ({c.Count})")
            .ToList();

        Assert.True(wrong.Count == 0, $"Give these commands 1 to 3 examples in Commands/Help/CommandHelp.cs: {string.Join(", ", wrong)}");
        Assert.True(Leaves(root).Count() > 40);
    }

    [Fact]
    public void Examples_everyExample_parsesAsTheCommandItIllustrates()
    {
        var root = Tree();
        var commands = Leaves(root).Concat([root]).ToDictionary(CommandHelp.PathOf, StringComparer.Ordinal);

        var problems = new List<string>();
        foreach (var path in CommandHelp.PathsWithExamples)
        {
            if (!commands.TryGetValue(path, out var command))
            {
                problems.Add($"'{path}' has examples but is not a command");
                continue;
            }

            foreach (var example in CommandHelp.ExamplesFor(command))
            {
                var parse = root.Parse(Invocation(example.CommandLine));
                if (parse.Errors.Count > 0)
                {
                    problems.Add($"{example.CommandLine}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
                }
                else if (path.Length > 0 && CommandHelp.PathOf(parse.CommandResult.Command) != path)
                {
                    problems.Add($"{example.CommandLine}: runs '{CommandHelp.PathOf(parse.CommandResult.Command)}', not '{path}'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Help_leafCommand_showsUsageOptionsAndExamples()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("flow", "export", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("descope-mgmt flow export [<flow-id>] [options]", result.Out, StringComparison.Ordinal);
        Assert.Contains("-o, --out-dir <out-dir>", result.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:\n  # Print one flow\n  descope-mgmt flow export sign-up-or-in\n", result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Help_subcommand_namesGlobalOptionsInOneLine_topLevelDescribesThem()
    {
        await using var cli = await CliHarness.StartAsync();

        var page = await cli.RunAsync("tenant", "update", "--help");
        var top = await cli.RunAsync("--help");

        Assert.Equal(0, page.ExitCode);
        Assert.Contains("Global options: --env, --project-id, --base-url, --local, -C/--workspace, --output, -y/--yes, --no-color, -v/--verbose, -q/--quiet, --backup-dir, --rate-limit (described in `descope-mgmt --help`).", page.Out, StringComparison.Ordinal);
        foreach (var option in GlobalOptions.All)
        {
            Assert.DoesNotContain(option.Description!, page.Out, StringComparison.Ordinal);
            Assert.Contains(option.Description!, top.Out, StringComparison.Ordinal);
        }

        Assert.Contains("\nGlobal options:\n", top.Out, StringComparison.Ordinal);
        Assert.Contains("completion", top.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_emulatorServe_listsItsRateLimitOnce_andNoClientOptions()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("emulator", "serve", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Out, "^  --rate-limit ", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.Contains("--rate-limit <rate-limit>  Enforce a request limit", result.Out, StringComparison.Ordinal);
        foreach (var client in new[] { "--project-id", "--base-url", "--local", "--env", "--workspace", "--backup-dir", "--yes" })
        {
            Assert.DoesNotContain(client, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("Global options: --output, --no-color, -q/--quiet", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_group_listsItsCommandsAndHowToGetTheirHelp()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("backup", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("descope-mgmt backup <command> [options]", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"\n  restore +Restore every item of a backup", result.Out);
        Assert.Contains("Run `descope-mgmt backup <command> --help` for a command's options and examples.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_narrowTerminal_wrapsTextUnderItsColumn()
    {
        var serve = Tree().Subcommands.Single(c => c.Name == "emulator").Subcommands.Single();

        var page = HelpPage.Render(serve, width: 80);

        Assert.All(page.Split('\n'), line => Assert.True(line.Length < 80, line));
        Assert.Contains("\n  --fault <fault>            Inject faults, repeatable:", page, StringComparison.Ordinal);
        Assert.Matches(@"\n {29}\S", page);
    }
}
