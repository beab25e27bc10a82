using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Cli.Commands.Workspace;

internal static class PullCommand
{
    private static readonly Option<bool> Force = new("--force") { Description = "Also overwrite files that hold ${VAR} placeholders (they would lose them)." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("pull", "Write the live flows, theme and tenants into the workspace files. Files with ${VAR} placeholders are not overwritten: the difference is shown instead.") { Force };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetValue(Force), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(bool force, CommandContext context, CancellationToken cancellationToken)
    {
        var root = WorkspaceSession.RequireRoot(context);
        var config = WorkspaceConfigReader.Read(root, []);
        var environment = context.Target.EnvironmentName is { } name && config.Environments.TryGetValue(name, out var env) ? env : null;
        string? Lookup(string variable) => environment?.Vars.TryGetValue(variable, out var v) == true ? v : context.Env.GetVariable(variable);

        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var live = await new LiveSnapshotReader(client).ReadAsync(true, config.Manage.Theme, config.Manage.Tenants, new Progress<string>(context.IO.Warn), cancellationToken).ConfigureAwait(false);
        var written = 0;
        var kept = 0;
        foreach (var (id, flow) in live.Flows.Where(f => config.Manage.ManagesFlow(f.Key)))
        {
            var outcome = PullFile(context, WorkspaceLayout.FlowPath(root, id), WorkspaceWriter.FlowText(flow), ResourceKey.Flow(id), force, Lookup);
            written += outcome ? 1 : 0;
            kept += outcome ? 0 : 1;
        }

        if (config.Manage.Theme && live.Theme is { Count: > 0 } theme)
        {
            var outcome = PullFile(context, Path.Combine(root, WorkspaceLayout.ThemeFile), WorkspaceWriter.ThemeText(theme), ResourceKey.Theme, force, Lookup);
            written += outcome ? 1 : 0;
            kept += outcome ? 0 : 1;
        }

        if (config.Manage.Tenants)
        {
            var outcome = PullFile(context, Path.Combine(root, WorkspaceLayout.TenantsFile), WorkspaceWriter.TenantsText(live.Tenants.Values), null, force, Lookup);
            written += outcome ? 1 : 0;
            kept += outcome ? 0 : 1;
        }

        context.IO.Outcome($"Pulled into {root}: {written} file(s) written{(kept > 0 ? $", {kept} with ${{VAR}} placeholders kept (use --force to overwrite)" : "")}.", root);
        return ExitCodes.Success;
    }

    /// <summary>Writes the file unless it holds placeholders whose substituted content differs from live (then shows the diff).</summary>
    private static bool PullFile(CommandContext context, string path, string liveText, ResourceKey? key, bool force, Func<string, string?> lookup)
    {
        if (File.Exists(path) && !force)
        {
            var current = File.ReadAllText(path);
            if (TemplateText.ContainsPlaceholders(current))
            {
                if (key is { } k && TryParse(TemplateText.Substitute(current, path, lookup, [])) is { } desired
                    && TryParse(liveText) is { } liveDoc)
                {
                    var changes = JsonDiff.Compare(desired, liveDoc, DiffOptions.For(k.Type));
                    if (changes.Count > 0)
                    {
                        context.IO.Warn($"{WorkspaceLayout.Relative(context.WorkspaceRoot!, path)} has ${{VAR}} placeholders; live differs and the file was kept:");
                        DiffPrinter.Print(context.IO, k, desired, liveDoc, changes);
                    }
                }
                else
                {
                    context.IO.Warn($"{path} has ${{VAR}} placeholders and was kept (use --force to overwrite).");
                }

                return false;
            }
        }

        WorkspaceWriter.Write(path, liveText);
        return true;
    }

    private static System.Text.Json.Nodes.JsonObject? TryParse(string text)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
