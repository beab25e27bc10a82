using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Flows;
using DescopeMgmt.Core.Workspace;
using Spectre.Console;

namespace DescopeMgmt.Cli.Commands.Flow;

internal static class FlowExportCommand
{
    private static readonly Argument<string?> FlowId = new("flow-id")
    {
        Description = "The flow to export (omit with --all).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<bool> All = new("--all") { Description = "Export every flow of the project." };

    private static readonly Option<string?> OutDir = new("--out-dir", "-o")
    {
        Description = "Folder to write <flowId>.json files into (default for --all: the workspace's flows/ or ./flows). Without it one flow prints to stdout.",
    };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("export", "Export flows in the workspace file format (v2, pretty, stable key order).")
        {
            FlowId, All, OutDir,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(
            new Options(parse.GetValue(FlowId), parse.GetValue(All), parse.GetValue(OutDir)), context, ct));
        return command;
    }

    internal sealed record Options(string? FlowId, bool All, string? OutDir);

    internal static async Task<int> RunAsync(Options options, CommandContext context, CancellationToken cancellationToken)
    {
        if (options.All == (options.FlowId is not null))
        {
            throw new UserError("invalid_arguments", "Give either a flow ID or --all.",
                "Examples: descope-mgmt flow export sign-up-or-in; descope-mgmt flow export --all -o flows");
        }

        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        if (options.FlowId is { } single && options.OutDir is null)
        {
            var flow = await new FlowExportService(client).ExportOneAsync(single, cancellationToken).ConfigureAwait(false);
            context.IO.WriteRawOut(WorkspaceWriter.JsonText(flow, Core.Kinds.ResourceKinds.Flow));
            return ExitCodes.Success;
        }

        var ids = options.FlowId is { } id
            ? [id]
            : (await client.Flows.ListAsync(cancellationToken).ConfigureAwait(false)).Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
        var directory = Path.GetFullPath(options.OutDir ?? DefaultDirectory(context), context.Env.CurrentDirectory);

        var exporter = new FlowExportService(client);
        var files = await ProgressReporter.RunAsync(context.IO, "Exporting flows", ids.Count,
            progress => exporter.ExportAsync(ids, directory, progress, cancellationToken, options.All ? "POST /v1/mgmt/flow/list" : null)).ConfigureAwait(false);

        var items = files.Select(f => new ExportedFileItem(f.FlowId, f.Path, f.Bytes)).ToList();
        context.IO.Result(new ItemsDocument<ExportedFileItem>(items), CliJsonContext.Default.ItemsDocumentExportedFileItem,
            (console, result) => console.WriteLine($"Exported {Plural.Of(result.Items.Count, "flow")} to {directory}"));
        return ExitCodes.Success;
    }

    private static string DefaultDirectory(CommandContext context) =>
        context.WorkspaceRoot is { } root ? Path.Combine(root, "flows") : "flows";
}
