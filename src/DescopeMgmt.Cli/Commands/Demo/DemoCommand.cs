using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Emulator;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Demo;

/// <summary>
/// A guided tour on a fresh embedded emulator seeded with the sample project. Each step runs the
/// real command in-process, so what the demo shows is exactly what a user would get.
/// </summary>
internal static class DemoCommand
{
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("demo", "Guided end-to-end tour on the embedded emulator with sample data (no account needed).");
        runner.SetAction(command, (_, context, ct) => RunAsync(context, runner.Environment, ct));
        return command;
    }

    internal static async Task<int> RunAsync(CommandContext context, CliEnvironment env, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), $"descope-mgmt-demo-{Guid.NewGuid():N}"[..30]);
        var home = Path.Combine(root, "home");
        var workspace = Path.Combine(root, "workspace");
        Directory.CreateDirectory(workspace);

        var host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            DataDir = Path.Combine(root, "emulator"),
            ManagementKey = EmulatorDefaults.LocalManagementKey,
            SeedSample = true,
        }, cancellationToken).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            var variables = new Dictionary<string, string>
            {
                ["DESCOPE_PROJECT_ID"] = EmulatorDefaults.SampleProjectId,
                ["DESCOPE_MANAGEMENT_KEY"] = EmulatorDefaults.LocalManagementKey,
                ["DESCOPE_BASE_URL"] = host.BaseUrl.ToString().TrimEnd('/'),
                ["DESCOPE_MGMT_HOME"] = home,
            };
            var demoEnv = new CliEnvironment
            {
                Out = env.Out,
                Error = env.Error,
                In = env.In,
                IsInteractive = false,
                ErrorIsTerminal = env.ErrorIsTerminal,
                OutIsTerminal = env.OutIsTerminal,
                GetVariable = name => variables.TryGetValue(name, out var value) ? value : env.GetVariable(name),
                TimeProvider = env.TimeProvider,
                CurrentDirectory = workspace,
            };

            var io = context.IO;
            io.Out.Write(new Rule("[bold]descope-mgmt demo[/]").LeftJustified());
            io.Out.WriteLine($"An emulator of the Descope Management API is running at {host.BaseUrl} with a sample project.");
            io.Out.WriteLine("Each step below is a real descope-mgmt command run against it.");

            var flows = Path.Combine(workspace, "flows");
            var steps = new (string Title, string[] Args, Action? Before)[]
            {
                ("The flows of the project", ["flow", "list"], null),
                ("Its tenants", ["tenant", "list"], null),
                ("Export every flow as workspace files", ["flow", "export", "--all", "-o", "flows"], null),
                ("Change a flow: the diff is shown and the live flow is backed up first",
                    ["flow", "import", Path.Combine("flows", "sign-up-or-in.json"), "--yes"],
                    () => DemoEdits.RenameFlow(Path.Combine(flows, "sign-up-or-in.json"), "Sign Up or In (new welcome screen)")),
                ("Every change left a backup", ["backup", "list"], null),
                ("Break it: someone deletes the flow", ["flow", "delete", "sign-up-or-in", "--yes"], null),
                ("Roll it back in one command", ["flow", "rollback", "--flow-id", "sign-up-or-in", "--backup", "latest", "--yes"], null),
                ("It is back", ["flow", "list"], null),
                ("Who rolled back what, from which backup", ["rollback", "history"], null),
            };
            foreach (var (title, args, before) in steps)
            {
                before?.Invoke();
                var exit = await RunStepAsync(io, demoEnv, title, args, cancellationToken).ConfigureAwait(false);
                if (exit != ExitCodes.Success)
                {
                    return exit;
                }
            }

            io.Out.Write(new Rule("[bold]Done[/]").LeftJustified());
            io.Out.WriteLine($"The exported workspace is in {workspace}");
            io.Out.WriteLine("Point the same commands at a real project with DESCOPE_PROJECT_ID and DESCOPE_MANAGEMENT_KEY, or use --local.");
        }

        return ExitCodes.Success;
    }

    private static async Task<int> RunStepAsync(CliIO io, CliEnvironment env, string title, string[] args, CancellationToken cancellationToken)
    {
        io.Out.WriteLine();
        io.Out.Write(new Rule($"[yellow]{Markup.Escape(title)}[/]").LeftJustified());
        io.Out.MarkupLine($"[grey]$ descope-mgmt {Markup.Escape(string.Join(' ', args))}[/]");
        return await CliApp.RunAsync(args, env, cancellationToken).ConfigureAwait(false);
    }
}
