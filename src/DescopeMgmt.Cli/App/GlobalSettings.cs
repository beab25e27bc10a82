using System.CommandLine;

namespace DescopeMgmt.Cli.App;

/// <summary>The global options as values, read once from the parse result.</summary>
public sealed record GlobalSettings(
    string? Env,
    string? ProjectId,
    string? BaseUrl,
    bool Local,
    string? Workspace,
    OutputFormat Output,
    bool Yes,
    bool NoColor,
    bool Verbose,
    bool Quiet,
    string? BackupDir,
    string? RateLimit)
{
    public bool Json => Output == OutputFormat.Json;

    public static GlobalSettings From(ParseResult parse) => new(
        parse.GetValue(GlobalOptions.Env),
        parse.GetValue(GlobalOptions.ProjectId),
        parse.GetValue(GlobalOptions.BaseUrl),
        parse.GetValue(GlobalOptions.Local),
        parse.GetValue(GlobalOptions.Workspace),
        parse.GetValue(GlobalOptions.Output) == "json" ? OutputFormat.Json : OutputFormat.Text,
        parse.GetValue(GlobalOptions.Yes),
        parse.GetValue(GlobalOptions.NoColor),
        parse.GetValue(GlobalOptions.Verbose),
        parse.GetValue(GlobalOptions.Quiet),
        parse.GetValue(GlobalOptions.BackupDir),
        parse.GetValue(GlobalOptions.RateLimit));
}
