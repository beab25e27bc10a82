using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Cli.Commands.Theme;

internal static class ThemeImportCommand
{
    private const string Operation = "theme import";

    private static readonly Argument<string> File = new("file") { Description = "Theme file (v2: componentsVersion, styles; or the raw {\"theme\":...} answer)." };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show the diff and change nothing." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("import", "Replace the project theme with a file, after showing the diff and taking a backup.") { File, DryRun };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(File), parse.GetValue(DryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string file, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(file, context.Env.CurrentDirectory);
        var theme = Read(path);
        return await SingleItemChange.RunAsync(context, ResourceKey.Theme, Operation, dryRun, _ =>
            new SingleItemPlan(theme, "import", (live, ct) => live.PutAsync(ResourceKey.Theme, theme, exists: true, ct)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The theme in the file, unwrapped from the raw API answer; anything but a v2 theme is refused before any API call.</summary>
    private static JsonObject Read(string path)
    {
        var (text, failure) = WorkspaceFiles.ReadText(path);
        if (failure is not null)
        {
            throw WorkspaceFiles.ToError(path, failure);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text!, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new UserError("invalid_json", $"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: not valid JSON.", "Fix the file or export the theme again.");
        }

        var theme = node is JsonObject { } answer && answer["theme"] is JsonObject wrapped ? (JsonObject)wrapped.DeepClone() : node;
        var problems = ThemeRules.Problems(theme);
        if (problems.Count > 0)
        {
            throw new UserError("invalid_theme",
                $"{path} is not a v2 theme: {string.Join("; ", problems.Take(5))}.",
                "Export one with `descope-mgmt theme export -o theme.json` to see the expected shape.");
        }

        return (JsonObject)theme!;
    }
}
