using DescopeMgmt.Api;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Connection;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.App;

/// <summary>One environment's part of <c>--all-envs</c>: its plan, or the error that stopped it, and the messages it printed.</summary>
internal sealed record EnvironmentPlan(string Environment, ConnectionTarget? Target, PlanRun? Run, ErrorBody? Error, string Messages)
{
    public bool Failed => Error is not null;

    public bool Differs => Run is { Plan.IsEmpty: false };

    public string Status => Failed ? "failed" : Differs ? "differs" : "matches";
}

/// <summary>
/// <c>plan --all-envs</c> and <c>drift --all-envs</c>: every environment of descope.yaml planned at once, a
/// few at a time, each in its own context (its own target, key, client and captured messages), so one
/// environment's error (a missing key, a refused connection) is reported in its section and never hides
/// the others.
/// </summary>
internal static class EnvironmentPlans
{
    /// <summary>Enough to overlap the network waits, few enough not to trip a project's rate limit or the machine.</summary>
    public const int Concurrency = 4;

    public static async Task<IReadOnlyList<EnvironmentPlan>> PlanAsync(CommandContext context, PlanScope scope, CancellationToken cancellationToken)
    {
        if (context.Settings.Env is not null || context.Settings.ProjectId is not null || context.Settings.BaseUrl is not null || context.Settings.Local)
        {
            throw new UserError("invalid_arguments", "--all-envs plans every environment of descope.yaml; it cannot be combined with --env, --project-id, --base-url or --local.",
                "Drop --all-envs to plan one target, or drop the target options.");
        }

        WorkspaceSession.RequireRoot(context);
        var names = WorkspaceSession.Environments(context)?.Environments.Keys.ToList() ?? [];
        if (names.Count == 0)
        {
            throw new UserError("no_environments", "descope.yaml defines no environments, so --all-envs has nothing to plan.",
                "Add environments (dev, prod...) with their projectId and managementKey to descope.yaml.");
        }

        var results = new EnvironmentPlan[names.Count];
        var environments = new CliEnvironment[names.Count];
        // The embedded emulator keeps its state in one folder: two in-process instances at once would share it.
        using var embedded = new SemaphoreSlim(1, 1);
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => (results[i], environments[i]) = await PlanOneAsync(context, names[i], scope, embedded, ct).ConfigureAwait(false)).ConfigureAwait(false);

        // Keys each environment resolved are hidden from everything printed from here on.
        foreach (var secret in environments.SelectMany(e => e.Secrets))
        {
            context.Env.AddSecret(secret);
        }

        foreach (var result in results.Where(r => r.Messages.Length > 0))
        {
            foreach (var line in result.Messages.TrimEnd('\n').Split('\n'))
            {
                context.IO.Info($"{result.Environment}: {line}");
            }
        }

        return results;
    }

    private static async Task<(EnvironmentPlan, CliEnvironment)> PlanOneAsync(CommandContext parent, string name, PlanScope scope, SemaphoreSlim embedded, CancellationToken cancellationToken)
    {
        var messages = new StringWriter();
        var env = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = messages,
            In = TextReader.Null,
            GetVariable = parent.Env.GetVariable,
            TimeProvider = parent.Env.TimeProvider,
            CurrentDirectory = parent.Env.CurrentDirectory,
        };
        var settings = parent.Settings with { Env = name, Output = OutputFormat.Text, NoColor = true };
        ConnectionTarget? target = null;
        var child = new CommandContext(env, settings) { WorkspaceEnvironments = WorkspaceSession.Environments };
        await using (child.ConfigureAwait(false))
        {
            var waited = false;
            try
            {
                target = child.Target;
                if (target.UseEmbeddedEmulator)
                {
                    await embedded.WaitAsync(cancellationToken).ConfigureAwait(false);
                    waited = true;
                }

                var run = await WorkspaceSession.PlanAsync(child, scope, cancellationToken).ConfigureAwait(false);
                return (new EnvironmentPlan(name, target, run, null, Flushed(child, messages)), env);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Describe(ex) is { } error)
            {
                return (new EnvironmentPlan(name, target, null, error, Flushed(child, messages)), env);
            }
            finally
            {
                if (waited)
                {
                    embedded.Release();
                }
            }
        }
    }

    private static string Flushed(CommandContext child, StringWriter messages)
    {
        child.IO.Flush();
        return messages.ToString();
    }

    /// <summary>The expected failures, as the one error handler would word them; anything else is a bug and is thrown.</summary>
    private static ErrorBody? Describe(Exception ex) => ex switch
    {
        UserError e => new ErrorBody(e.Code, e.Message, e.Hint),
        DescopeApiException e => new ErrorBody(e.IsUnauthorized ? "unauthorized" : e.IsConnectionFailure ? "connection_failed" : "api_error", e.Message, e.Hint),
        DescopeConfigurationException e => new ErrorBody("invalid_configuration", e.Message, e.Hint),
        IOException or UnauthorizedAccessException => new ErrorBody("file_error", $"File error: {ex.Message}", "Check the path, the free disk space and the permissions."),
        _ => null,
    };

    /// <summary>"3 environments: 1 differs, 1 matches, 1 failed".</summary>
    public static string Summary(IReadOnlyList<EnvironmentPlan> results)
    {
        var differ = results.Count(r => r.Differs);
        var match = results.Count(r => r.Status == "matches");
        var failed = results.Count(r => r.Failed);
        return $"{Plural.Of(results.Count, "environment")}: {differ} {(differ == 1 ? "differs" : "differ")}, {match} {(match == 1 ? "matches" : "match")}, {failed} failed";
    }

    /// <summary>1 when any environment failed, else 2 when any differs and differences are to be signalled, else 0.</summary>
    public static int ExitCode(IReadOnlyList<EnvironmentPlan> results, bool changesExit) =>
        results.Any(r => r.Failed) ? ExitCodes.Error : changesExit && results.Any(r => r.Differs) ? ExitCodes.ChangesPresent : ExitCodes.Success;

    public static string HostOf(ConnectionTarget target) => BackupHost.For(target);
}
