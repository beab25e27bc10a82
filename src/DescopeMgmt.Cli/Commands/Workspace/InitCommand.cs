using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Cli.Commands.Workspace;

internal static class InitCommand
{
    private static readonly Option<bool> FromLive = new("--from-live") { Description = "Pull the current flows, theme and tenants of the project into the new workspace." };

    private static readonly Option<string> EnvironmentName = new("--environment-name") { Description = "Name of the first environment.", DefaultValueFactory = _ => "dev" };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("init", "Create a workspace here (or in -C DIR): descope.yaml, flows/, and with --from-live the project's current state.") { FromLive, EnvironmentName };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetValue(FromLive), parse.GetValue(EnvironmentName)!, context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(bool fromLive, string environment, CommandContext context, CancellationToken cancellationToken)
    {
        var root = CliEnvironment.NonEmpty(context.Settings.Workspace) is { } dir ? Path.GetFullPath(dir, context.Env.CurrentDirectory) : context.Env.CurrentDirectory;
        var yaml = Path.Combine(root, WorkspaceConfigReader.FileName);
        if (File.Exists(yaml))
        {
            throw new UserError("workspace_exists", $"{yaml} already exists.", "Use `descope-mgmt pull` to refresh it from live.");
        }

        // -C to a folder that does not exist yet is where init creates the workspace: the folder has to exist
        // before the target is resolved, or -C fails as "no such folder" and --local / --from-live are lost.
        var rootExisted = Directory.Exists(root);
        Directory.CreateDirectory(root);
        var projectId = fromLive ? context.Target.ProjectId : context.ProjectIdIfKnown ?? "P2yourProjectId";
        // Init without --from-live makes no call, so it needs no key: a target that cannot be resolved yet is fine.
        var local = context.TryGetTarget() is { UseEmbeddedEmulator: true };
        var baseUrl = local ? "local" : context.Settings.BaseUrl;
        var flows = Path.Combine(root, Core.Kinds.FlowKind.Folder);
        var flowsExisted = Directory.Exists(flows);
        Directory.CreateDirectory(flows);
        WorkspaceWriter.Write(yaml, WorkspaceScaffold.DescopeYaml(environment, projectId, baseUrl));
        context.UseWorkspaceRoot(root);
        if (fromLive)
        {
            context.IO.Info($"Created {yaml}");
            try
            {
                await PullCommand.RunAsync(force: true, context, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // A pull that fails (an unreachable project, an answer that is not what it should be) writes no
                // file; take back the scaffold too, so a retry starts from the same empty folder.
                File.Delete(yaml);
                if (!flowsExisted && !Directory.EnumerateFileSystemEntries(flows).Any())
                {
                    Directory.Delete(flows);
                }

                if (!rootExisted && !Directory.EnumerateFileSystemEntries(root).Any())
                {
                    Directory.Delete(root);
                }

                throw;
            }
        }
        else
        {
            context.IO.Outcome($"Created {yaml}", yaml);
        }

        context.IO.Info(local
            ? "Next: `descope-mgmt plan` (the embedded emulator needs no key)."
            : $"Next: set DESCOPE_{environment.ToUpperInvariant().Replace('-', '_')}_MANAGEMENT_KEY, then `descope-mgmt plan`.");
        return ExitCodes.Success;
    }
}
