using System.Diagnostics;

namespace DescopeMgmt.Cli.Tests.Workflows;

internal sealed record StepResult(string Job, string Step, int ExitCode, string Output);

internal sealed record WorkflowRun(IReadOnlyList<StepResult> Steps, IReadOnlyList<string> SkippedJobs)
{
    public bool Succeeded => Steps.All(s => s.ExitCode == 0) && SkippedJobs.Count == 0;

    public string Log => string.Join("\n", Steps.Select(s => $"--- {s.Job} / {s.Step}: exit {s.ExitCode}\n{s.Output}"));
}

/// <summary>
/// Runs the <c>run:</c> steps of a workflow as GitHub's runner does (bash -eo pipefail, one folder for the
/// whole run, GITHUB_PATH / GITHUB_STEP_SUMMARY files, a job stops at its first failing step and the jobs
/// that need it are skipped). Actions (<c>uses:</c>) are not downloaded: the checkout is the folder itself,
/// setup-dotnet is the machine's SDK, and an artifact passed between jobs is still in the shared folder.
/// Expressions come only from <paramref name="contexts"/>; one that is not there fails the run, so a
/// workflow cannot depend on a value this test does not provide.
/// </summary>
internal sealed class WorkflowRunner(string workDirectory, string homeDirectory, IReadOnlyDictionary<string, string> contexts, IReadOnlyDictionary<string, string> machineEnv)
{
    private readonly string _runnerFiles = Path.Combine(homeDirectory, "runner");

    public async Task<WorkflowRun> RunAsync(GitHubWorkflow workflow, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_runnerFiles);
        var pathFile = Path.Combine(_runnerFiles, "path");
        File.WriteAllText(pathFile, "");
        var results = new List<StepResult>();
        var failedJobs = new HashSet<string>();
        var skipped = new List<string>();
        foreach (var job in workflow.Jobs)
        {
            if (job.Needs.Any(n => failedJobs.Contains(n) || skipped.Contains(n)))
            {
                skipped.Add(job.Id);
                continue;
            }

            foreach (var step in job.Steps.Where(s => s.Run is not null))
            {
                var env = new Dictionary<string, string>(machineEnv);
                foreach (var scope in new[] { workflow.Env, job.Env, step.Env })
                {
                    foreach (var (name, value) in scope)
                    {
                        env[name] = GitHubWorkflow.Substitute(value, Resolve);
                    }
                }

                env["GITHUB_PATH"] = pathFile;
                env["GITHUB_STEP_SUMMARY"] = Path.Combine(_runnerFiles, "summary.md");
                env["PATH"] = string.Join(':', File.ReadAllLines(pathFile).Where(l => l.Length > 0).Reverse().Append(env["PATH"]));
                var script = GitHubWorkflow.Substitute(step.Run!, Resolve);
                var result = await RunBashAsync(script, env, cancellationToken);
                results.Add(new StepResult(job.Id, step.Name, result.ExitCode, result.Output));
                if (result.ExitCode != 0)
                {
                    failedJobs.Add(job.Id);
                    break;
                }
            }
        }

        return new WorkflowRun(results, skipped);
    }

    public string Summary => File.Exists(Path.Combine(_runnerFiles, "summary.md")) ? File.ReadAllText(Path.Combine(_runnerFiles, "summary.md")) : "";

    private string Resolve(string expression) =>
        contexts.TryGetValue(expression, out var value)
            ? value
            : throw new InvalidOperationException($"the workflow uses the expression '{expression}', which this test does not provide");

    private async Task<(int ExitCode, string Output)> RunBashAsync(string script, Dictionary<string, string> env, CancellationToken cancellationToken)
    {
        var scriptFile = Path.Combine(_runnerFiles, "step.sh");
        File.WriteAllText(scriptFile, script);
        var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile])
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment.Clear();
        foreach (var (name, value) in env)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
