using System.CommandLine;
using System.CommandLine.Invocation;
using DescopeMgmt.Api;
using DescopeMgmt.Cli.Commands;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// Parses, runs the chosen command, and is the one place that turns exceptions into messages and
/// exit codes.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken)
    {
        var runner = new CommandRunner(env)
        {
            ConfigureContext = context => context.WorkspaceEnvironments = WorkspaceSession.Environments,
        };
        var root = CommandTree.Build(runner);
        var parse = root.Parse(args);
        var settings = GlobalSettings.From(parse);

        // --version is answered here, before anything is built, in the chosen output format (the library's
        // own version option prints plain text and refuses to be combined with --output).
        if (root.Options.OfType<VersionOption>().FirstOrDefault() is { } version && parse.GetResult(version) is { Implicit: false })
        {
            // Straight to stdout, without the consoles CliIO sets up: --version must stay cheap, and it holds no secret.
            env.Out.WriteLine(settings.Json
                ? CliJsonContext.Write(new VersionDocument(ToolInfo.Name, ToolInfo.Version, ToolInfo.Commit), CliJsonContext.Default.VersionDocument)
                : ToolInfo.VersionLine);
            env.Out.Flush();
            return ExitCodes.Success;
        }

        var usageError = parse.Errors.Count > 0 && parse.Action is ParseErrorAction;
        var invocation = new InvocationConfiguration
        {
            // Usage text is not a result: after a usage error, the errors and the help go to stderr, and
            // with --output json the error document is what stdout gets.
            Output = usageError ? env.Error : env.Out,
            Error = env.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        if (usageError && settings.Json)
        {
            return ReportUsageError(parse, env, settings);
        }

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ReportFailure(new UserError("interrupted", "Interrupted.", null, ExitCodes.Interrupted), env, settings);
        }
        catch (Exception ex)
        {
            return ReportFailure(ex, env, settings);
        }
    }

    /// <summary>A usage error with --output json: the error document on stdout, the errors (no help) on stderr.</summary>
    private static int ReportUsageError(ParseResult parse, CliEnvironment env, GlobalSettings settings)
    {
        var command = string.Join(' ', CommandPath(parse.CommandResult.Command));
        var message = string.Join(" ", parse.Errors.Select(e => e.Message.TrimEnd('.') + "."));
        return ReportFailure(new UserError("usage_error", message, $"Run `{command} --help` for the usage and examples."), env, settings);
    }

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c; symbol = c.Parents.FirstOrDefault())
        {
            names.Add(c is RootCommand ? ToolInfo.Name : c.Name);
        }

        names.Reverse();
        return names;
    }

    private static int ReportFailure(Exception ex, CliEnvironment env, GlobalSettings settings)
    {
        var (code, message, hint, exitCode) = ex switch
        {
            UserError e => (e.Code, e.Message, e.Hint, e.ExitCode),
            DescopeApiException e => (ApiErrorCode(e), e.Message, e.Hint, ExitCodes.Error),
            DescopeConfigurationException e => ("invalid_configuration", e.Message, e.Hint, ExitCodes.Error),
            _ when SocketErrors.Cause(ex) is { } socket => ("network_error", $"Network error ({socket.SocketErrorCode}): {socket.Message}",
                "Check the address and the port, and that no other program holds the port.", ExitCodes.Error),
            IOException or UnauthorizedAccessException => ("file_error", $"File error: {ex.Message}", "Check the path, the free disk space and the permissions.", ExitCodes.Error),
            _ => ("unexpected", $"Unexpected error ({ex.GetType().Name}): {ex.Message}", settings.Verbose
                ? "This is a bug in descope-mgmt; please report it with the details above."
                : "This is a bug in descope-mgmt; re-run with --verbose for the details and report it.", ExitCodes.Error),
        };

        var io = new CliIO(env, settings);
        // The error document is the result with --output json; for people the error is the message on stderr below.
        io.Result(new ErrorDocument(new ErrorBody(code, message, hint)), CliJsonContext.Default.ErrorDocument, static (_, _) => { });

        if (code == "unexpected")
        {
            // The one place a stack trace helps: a bug report. Never without -v, and never with a secret in it.
            io.Verbose(ex.ToString());
        }

        io.WriteError(message, hint);
        io.Flush();
        return exitCode;
    }

    private static string ApiErrorCode(DescopeApiException e) => e switch
    {
        { IsConnectionFailure: true } => "connection_failed",
        { IsUnauthorized: true } => "unauthorized",
        { IsRateLimited: true } => "rate_limited",
        { IsNotFound: true } => "not_found",
        _ => "api_error",
    };
}
