using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Cli.Commands.Workspace;

internal static class PullCommand
{
    private static readonly Option<bool> Force = new("--force") { Description = "Also overwrite files with edits not applied yet, and files that hold ${VAR} placeholders (both would be lost)." };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show which files would be written and write nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("pull", "Write the live state of every managed kind into the workspace files. A file edited since the last pull or apply is never overwritten without --force (nothing is written, the edited files are listed); files with ${VAR} placeholders are kept and the difference shown.") { Force, DryRun };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetValue(Force), context, ct, parse.GetValue(DryRun)));
        return command;
    }

    internal static async Task<int> RunAsync(bool force, CommandContext context, CancellationToken cancellationToken, bool dryRun = false)
    {
        var root = WorkspaceSession.RequireRoot(context);
        var manage = WorkspaceConfigReader.Read(root, []).Manage;
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);

        // Kinds that cannot be listed whole (tenant password policies) are read for the items the files name now.
        var current = new Lazy<LoadedWorkspace>(() => WorkspaceLoader.Load(root, context.Target.EnvironmentName, context.Env.GetVariable));
        var kinds = Core.Kinds.ResourceKinds.All.Where(k => manage.Manages(k.Type)).Select(k => k.Type).ToHashSet();
        var live = await new LiveSnapshotReader(client).ReadAsync(kinds, context.IO.Warnings, cancellationToken,
            type => current.Value.Desired.OrEmpty(type).Keys.ToList(), manage).ConfigureAwait(false);
        var result = WorkspacePuller.Pull(root, manage, context.Target.EnvironmentName, context.Env.GetVariable, live, force, dryRun, current);

        foreach (var file in result.Files.Where(f => f.Status == PullStatus.KeptWithPlaceholders))
        {
            context.IO.Warn($"{file.RelativePath} has ${{VAR}} placeholders and live differs from it; the file was kept, nothing was written to it (--force overwrites it):");
            foreach (var difference in file.Differences)
            {
                DiffPrinter.Print(context.IO, difference.Key, difference.File, difference.Live, difference.Changes, DiffVoice.Pull);
            }
        }

        foreach (var stale in result.FilesNotLive)
        {
            context.IO.Warn($"{stale}: this flow does not exist live (delete the file, or `descope-mgmt apply` to create the flow).");
        }

        var kept = result.Count(PullStatus.KeptWithPlaceholders);
        if (dryRun)
        {
            foreach (var file in result.Files.Where(f => f.Status == PullStatus.Written))
            {
                context.IO.Info($"would write {file.RelativePath}");
                foreach (var difference in file.Differences)
                {
                    DiffPrinter.Print(context.IO, difference.Key, difference.File, difference.Live, difference.Changes, DiffVoice.Pull);
                }
            }
        }

        if (result.Refused)
        {
            var edited = result.Files.Where(f => f.Status == PullStatus.Edited).ToList();
            foreach (var file in edited)
            {
                context.IO.Warn(file.Differences.Count == 0
                    ? $"{file.RelativePath} was edited since the last pull or apply, in formatting or comments only (live says the same); pull would rewrite it from live and drop them."
                    : $"{file.RelativePath} was edited since the last pull or apply; pull would change it to live:");
                foreach (var difference in file.Differences)
                {
                    DiffPrinter.Print(context.IO, difference.Key, difference.File, difference.Live, difference.Changes, DiffVoice.Pull);
                }
            }

            throw new Core.UserError("unapplied_edits",
                $"{(dryRun ? "Dry run: pull would refuse" : "Pull refused")}: {Plural.Of(edited.Count, "file")} {(edited.Count == 1 ? "holds" : "hold")} edits not applied yet: {string.Join(", ", edited.Select(f => f.RelativePath))}. Nothing was written.",
                // Apply cannot carry comments or formatting to live, so for such files it is no way out.
                edited.All(f => f.Differences.Count == 0)
                    ? "Live already says what these files say. Keep them as they are (nothing to pull), or run `descope-mgmt pull --force` to rewrite them from live."
                    : "Apply them first (`descope-mgmt plan`, then `descope-mgmt apply`), or run `descope-mgmt pull --force` to replace them with live.");
        }

        if (dryRun)
        {
            context.IO.Outcome($"Dry run: {Plural.Of(result.Count(PullStatus.Written), "file")} would be written, {result.Count(PullStatus.Unchanged)} unchanged" +
                (kept > 0 ? $", {kept} with ${{VAR}} placeholders kept" : "") + "; nothing was written.", root);
            return ExitCodes.Success;
        }

        context.IO.Outcome($"Pulled live into {root}: {Plural.Of(result.Count(PullStatus.Written), "file")} written, {result.Count(PullStatus.Unchanged)} unchanged" +
            (kept > 0 ? $", {kept} with ${{VAR}} placeholders kept." : "."), root);
        return ExitCodes.Success;
    }
}
