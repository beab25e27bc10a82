using System.CommandLine;

namespace DescopeMgmt.Cli.App;

public enum OutputFormat
{
    Text,
    Json,
}

/// <summary>The global options, declared once and recursive so every command takes them.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Env = new("--env")
    {
        Description = "Workspace environment to target (from descope.yaml).",
        Recursive = true,
    };

    public static readonly Option<string?> ProjectId = new("--project-id")
    {
        Description = "Descope project ID (key from DESCOPE_MANAGEMENT_KEY; never on the command line).",
        Recursive = true,
    };

    public static readonly Option<string?> BaseUrl = new("--base-url")
    {
        Description = "Management API base URL; 'local' starts the embedded emulator. Plain http only for loopback.",
        Recursive = true,
    };

    public static readonly Option<bool> Local = new("--local")
    {
        Description = "Use the embedded emulator (state in ~/.descope-mgmt/local) instead of the real service.",
        Recursive = true,
    };

    public static readonly Option<string?> Workspace = new("--workspace", "-C")
    {
        Description = "Workspace folder (default: the nearest folder, from the current one upward, that holds descope.yaml).",
        Recursive = true,
    };

    public static readonly Option<string> Output = CreateOutput();

    public static readonly Option<bool> Yes = new("--yes", "-y")
    {
        Description = "Answer yes to confirmation prompts (needed without a terminal).",
        Recursive = true,
    };

    public static readonly Option<bool> NoColor = new("--no-color")
    {
        Description = "Disable colours (also when NO_COLOR is set).",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log each API request (method, path, status, duration, retries) to stderr.",
        Recursive = true,
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Print only results and errors.",
        Recursive = true,
    };

    public static readonly Option<string?> BackupDir = new("--backup-dir")
    {
        Description = "Backup folder (default: DESCOPE_BACKUP_DIR or ~/.descope-mgmt/backups).",
        Recursive = true,
    };

    public static readonly Option<string?> RateLimit = new("--rate-limit")
    {
        Description = "Client-side request pace, e.g. 500/10s, so bulk work stays under the service limit (DESCOPE_MGMT_RATE_LIMIT).",
        Recursive = true,
    };

    private static Option<string> CreateOutput()
    {
        var option = new Option<string>("--output")
        {
            Description = "Output format: text for people, json for scripts (one JSON document on stdout).",
            Recursive = true,
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    public static IEnumerable<Option> All =>
        [Env, ProjectId, BaseUrl, Local, Workspace, Output, Yes, NoColor, Verbose, Quiet, BackupDir, RateLimit];
}
