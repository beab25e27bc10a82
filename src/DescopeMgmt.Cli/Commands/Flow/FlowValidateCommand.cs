using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Workspace;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Flow;

internal static class FlowValidateCommand
{
    private static readonly Argument<string[]> Files = new("files") { Description = "Flow files to check (default: the whole workspace).", Arity = ArgumentArity.ZeroOrMore };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("validate", "Check the workspace (or flow files) offline and report every problem at once: syntax with file:line:column, IDs, tasks, screens, tenants, descope.yaml.") { Files };
        runner.SetAction(command, (parse, context, _) => Task.FromResult(Run(parse.GetValue(Files) ?? [], context)));
        return command;
    }

    internal static int Run(string[] files, CommandContext context)
    {
        IReadOnlyList<WorkspaceProblem> problems;
        string checkedWhat;
        if (files.Length > 0)
        {
            // Inside a workspace, files are checked with the vars of the chosen (or default) environment.
            var environmentProblems = new List<WorkspaceProblem>();
            var config = context.WorkspaceRoot is { } workspaceRoot ? WorkspaceConfigReader.Read(workspaceRoot, []) : null;
            var environment = config is null ? null : WorkspaceLoader.EnvironmentFor(config, context.Settings.Env, environmentProblems);
            problems = [.. environmentProblems, .. WorkspaceLoader.ValidateFlowFiles(files.Select(f => Path.GetFullPath(f, context.Env.CurrentDirectory)),
                config, environment, context.Env.GetVariable)];
            checkedWhat = Plural.Of(files.Length, "file");
        }
        else
        {
            var root = WorkspaceSession.RequireRoot(context);
            var workspace = WorkspaceLoader.Load(root, context.Settings.Env, context.Env.GetVariable);
            problems = workspace.Problems;
            checkedWhat = string.Join(", ", Core.Kinds.ResourceKinds.All.Select(k => Plural.Of(workspace.Desired.OrEmpty(k.Type).Count, k.ItemNoun)));
        }

        var items = problems.Select(p => new ProblemItem(p.Severity.ToString().ToLowerInvariant(), p.File, p.Line, p.Column, p.Message)).ToList();
        var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        context.IO.Result(new ItemsDocument<ProblemItem>(items), CliJsonContext.Default.ItemsDocumentProblemItem, (console, _) =>
        {
            foreach (var problem in problems)
            {
                console.WriteLine(problem.ToString());
            }

            console.WriteLine(errors == 0 ? $"Valid: {checkedWhat}." : $"{Plural.Of(errors, "error")} in {checkedWhat}.");
        });
        return errors == 0 ? ExitCodes.Success : ExitCodes.Error;
    }
}
