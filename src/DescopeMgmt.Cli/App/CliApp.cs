using System.CommandLine;
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
        var invocation = new InvocationConfiguration
        {
            Output = env.Out,
            Error = env.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ReportFailure(new UserError("interrupted", "Interrupted.", null, ExitCodes.Interrupted), env, GlobalSettings.From(parse));
        }
        catch (Exception ex)
        {
            return ReportFailure(ex, env, GlobalSettings.From(parse));
        }
    }

    private static int ReportFailure(Exception ex, CliEnvironment env, GlobalSettings settings)
    {
        var (code, message, hint, exitCode) = ex switch
        {
            UserError e => (e.Code, e.Message, e.Hint, e.ExitCode),
            DescopeApiException e => (ApiErrorCode(e), e.Message, e.Hint, ExitCodes.Error),
            DescopeConfigurationException e => ("invalid_configuration", e.Message, e.Hint, ExitCodes.Error),
            IOException or UnauthorizedAccessException => ("file_error", $"File error: {ex.Message}", "Check the path, the free disk space and the permissions.", ExitCodes.Error),
            _ => ("unexpected", $"Unexpected error ({ex.GetType().Name}): {ex.Message}", settings.Verbose
                ? "This is a bug in descope-mgmt; please report it with the details above."
                : "This is a bug in descope-mgmt; re-run with --verbose for the details and report it.", ExitCodes.Error),
        };

        var io = new CliIO(env, settings);
        if (settings.Json)
        {
            io.Result(new ErrorDocument(new ErrorBody(code, message, hint)), CliJsonContext.Default.ErrorDocument, (_, _) => { });
        }

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
