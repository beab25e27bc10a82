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

    /// <summary>
    /// The settings, also from a command line with usage errors (which are reported in the format it asks
    /// for): a value that does not parse counts as not given.
    /// </summary>
    public static GlobalSettings From(ParseResult parse) => new(
        Value(parse, GlobalOptions.Env),
        Value(parse, GlobalOptions.ProjectId),
        Value(parse, GlobalOptions.BaseUrl),
        Value(parse, GlobalOptions.Local),
        Value(parse, GlobalOptions.Workspace),
        Value(parse, GlobalOptions.Output) == "json" ? OutputFormat.Json : OutputFormat.Text,
        Value(parse, GlobalOptions.Yes),
        Value(parse, GlobalOptions.NoColor),
        Value(parse, GlobalOptions.Verbose),
        Value(parse, GlobalOptions.Quiet),
        Value(parse, GlobalOptions.BackupDir),
        Value(parse, GlobalOptions.RateLimit));

    private static T? Value<T>(ParseResult parse, Option<T> option)
    {
        try
        {
            return parse.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }
}
