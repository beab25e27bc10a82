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
        // The tour is a dozen commands narrated for people, not one result: there is no document to print.
        command.Validators.Add(result =>
        {
            if (result.GetValue(GlobalOptions.Output) == "json")
            {
                result.AddError("demo is a guided tour for people and has no JSON output; run it without --output json.");
            }
        });
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
            io.Rule("[bold]descope-mgmt demo[/]");
            io.Out.WriteLine($"An emulator of the Descope Management API is running at {host.BaseUrl} with a sample project.");
            io.Out.WriteLine("Each step below is a real descope-mgmt command run against it.");

            var steps = new DemoStep[]
            {
                new("The flows of the sample project", ["flow", "list"]),
                new("Its tenants", ["tenant", "list"]),
                new("Put the project in a git-ready workspace", ["init", "--from-live"]),
                new("Its roles, as code can hold them", ["role", "list"]),
                new("Edit a flow, a tenant and a role in the workspace, then plan: field by field, nothing changes yet", ["plan"],
                    _ =>
                    {
                        DemoEdits.EditWorkspace(workspace);
                        return Task.CompletedTask;
                    }),
                new("Apply: the plan again, a backup of everything touched, then the change, verified", ["apply", "--yes"]),
                new("The automatic backup", ["backup", "list"]),
                new("The new screen broke sign-in: roll the flow back in one command", ["flow", "rollback", "--flow-id", "sign-up-or-in", "--backup", "latest", "--yes"]),
                new("Viewers should not export reports after all: restore the roles alone from the apply's backup", ["backup", "restore", "latest", "--only", "roles", "--yes"]),
                new("Meanwhile a colleague renames a tenant in the Descope console; drift (for CI) catches it, the rolled-back flow and the restored role, exit code 2",
                    ["drift"], ct => DemoEdits.RenameTenantOutOfBandAsync(host.BaseUrl, EmulatorDefaults.SampleProjectId, EmulatorDefaults.LocalManagementKey, ct),
                    ExpectedExit: ExitCodes.ChangesPresent),
                new("A key for the release bot: its secret goes to a private file (mode 0600), never to the screen, a backup or the audit log",
                    ["access-key", "create", "release-bot", "--role", "Viewer", "--secrets-out", Path.Combine(root, "release-bot.secrets.yaml"), "--yes"]),
                new("Who rolled back what, from which backup", ["rollback", "history"]),
                new("And every change is in the audit log", ["audit", "list"]),
            };
            foreach (var step in steps)
            {
                if (step.Before is { } before)
                {
                    await before(cancellationToken).ConfigureAwait(false);
                }

                var exit = await RunStepAsync(io, demoEnv, step.Title, step.Args, cancellationToken).ConfigureAwait(false);
                if (exit != step.ExpectedExit)
                {
                    return exit == ExitCodes.Success ? ExitCodes.Error : exit;
                }
            }

            io.Rule("[bold]Done[/]");
            io.Out.WriteLine($"The demo workspace is in {workspace}.");
            io.Out.WriteLine("Next: `descope-mgmt init --from-live` in a git folder of yours, with DESCOPE_PROJECT_ID and DESCOPE_MANAGEMENT_KEY set (or --local to keep using the emulator).");
        }

        return ExitCodes.Success;
    }

    private sealed record DemoStep(string Title, string[] Args, Func<CancellationToken, Task>? Before = null, int ExpectedExit = ExitCodes.Success);

    private static async Task<int> RunStepAsync(CliIO io, CliEnvironment env, string title, string[] args, CancellationToken cancellationToken)
    {
        io.Out.WriteLine();
        io.Rule($"[yellow]{Markup.Escape(title)}[/]");
        io.Out.MarkupLine($"[grey]$ descope-mgmt {Markup.Escape(string.Join(' ', args))}[/]");
        return await CliApp.RunAsync(args, env, cancellationToken).ConfigureAwait(false);
    }
}
