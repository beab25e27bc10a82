using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Cli.Tests.Workflows;

/// <summary>
/// Runs the example GitHub Actions workflows' scripts as a runner would, against the emulator, with the
/// tool installed by `dotnet tool install` from a locally packed package: a renamed flag or a changed exit
/// code breaks this build, not a team's pipeline. The one fake is `gh` (GitHub itself), which records
/// the comments and issues it is asked to post.
/// </summary>
[Trait("Category", "Slow")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GitHubWorkflowTests
{
    private const string PullRequestNumber = "42";

    private static string WorkflowPath(string name) => Path.Combine(PackedTool.RepositoryRoot, "examples", "github-actions", name);

    [Fact]
    public async Task Workflows_pullRequestThenPushThenSchedule_commentPlanApplyReviewedPlanAndReportDrift()
    {
        await using var setup = await WorkflowSetup.StartAsync();
        setup.WriteWorkspace("""
            tenants:
              - id: acme
                name: Acme
              - id: newco
                name: NewCo
                selfProvisioningDomains: [newco.example]
            """);

        var pr = await setup.RunAsync("descope-plan.yml");
        Assert.True(pr.Run.Succeeded, pr.Run.Log);
        var comment = setup.GhLog;
        Assert.Contains($"gh pr comment {PullRequestNumber} --body-file plan.md", comment, StringComparison.Ordinal);
        Assert.Contains("newco", comment, StringComparison.Ordinal);
        Assert.Contains("newco", pr.Summary, StringComparison.Ordinal);
        Assert.Null(await setup.LoadTenantAsync("newco"));

        var push = await setup.RunAsync("descope-apply.yml");
        Assert.True(push.Run.Succeeded, push.Run.Log);
        Assert.Equal(["plan", "apply"], push.Run.Steps.Select(s => s.Job).Distinct());
        Assert.Equal("NewCo", (await setup.LoadTenantAsync("newco"))?.Name);
        Assert.NotEmpty(Directory.GetDirectories(Path.Combine(setup.RunnerTemp, "descope-mgmt", "backups"), "*", SearchOption.AllDirectories));

        setup.ClearGhLog();
        var quiet = await setup.RunAsync("descope-drift.yml");
        Assert.True(quiet.Run.Succeeded, quiet.Run.Log);
        Assert.DoesNotContain("gh issue create", setup.GhLog, StringComparison.Ordinal);

        using (var client = setup.Cli.Client())
        {
            await client.Tenants.UpdateAsync(new TenantWrite { Id = "acme", Name = "Acme (renamed by hand)" }, TestContext.Current.CancellationToken);
        }

        var drift = await setup.RunAsync("descope-drift.yml");
        Assert.False(drift.Run.Succeeded);
        var last = drift.Run.Steps[^1];
        Assert.Equal(("Drift", 2), (last.Step, last.ExitCode));
        Assert.Contains("gh issue create --title Descope drift in prod on", setup.GhLog, StringComparison.Ordinal);
        Assert.Contains("acme", setup.GhLog, StringComparison.Ordinal);
        Assert.DoesNotContain(CliHarness.Key, setup.GhLog + pr.Run.Log + push.Run.Log + drift.Run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanWorkflow_invalidWorkspace_failsTheCheckWithoutCommenting()
    {
        await using var setup = await WorkflowSetup.StartAsync();
        setup.WriteWorkspace("""
            tenants:
              - id: acme
                enforceSSO: yes
            """);

        var pr = await setup.RunAsync("descope-plan.yml");

        Assert.False(pr.Run.Succeeded);
        var last = pr.Run.Steps[^1];
        Assert.Equal(("Plan", 1), (last.Step, last.ExitCode));
        Assert.Contains("tenants.yaml", last.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("gh pr comment", setup.GhLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyWorkflow_liveChangedAfterThePlan_applyRefusesAndChangesNothing()
    {
        await using var setup = await WorkflowSetup.StartAsync();
        setup.WriteWorkspace("""
            tenants:
              - id: acme
                name: Acme
              - id: newco
                name: NewCo
            """);
        var workflow = GitHubWorkflow.Load(WorkflowPath("descope-apply.yml"));
        var planOnly = await setup.RunAsync(workflow, job => job.Id == "plan");
        Assert.True(planOnly.Run.Succeeded, planOnly.Run.Log);
        using (var client = setup.Cli.Client())
        {
            await client.Tenants.UpdateAsync(new TenantWrite { Id = "acme", Name = "Acme (changed after the plan)" }, TestContext.Current.CancellationToken);
        }

        var apply = await setup.RunAsync(workflow, job => job.Id == "apply");

        Assert.False(apply.Run.Succeeded);
        Assert.Equal(("Apply the reviewed plan", 1), (apply.Run.Steps[^1].Step, apply.Run.Steps[^1].ExitCode));
        Assert.Null(await setup.LoadTenantAsync("newco"));
    }

    [Fact]
    public void Workflows_everyExpression_isOneTheLocalRunProvides()
    {
        var files = Directory.GetFiles(Path.Combine(PackedTool.RepositoryRoot, "examples", "github-actions"), "*.yml");
        Assert.Equal(3, files.Length);
        foreach (var file in files)
        {
            var workflow = GitHubWorkflow.Load(file);
            var texts = workflow.Env.Values
                .Concat(workflow.Jobs.SelectMany(j => j.Env.Values))
                .Concat(workflow.Jobs.SelectMany(j => j.Steps).SelectMany(s => s.Env.Values.Append(s.Run ?? "")));
            foreach (var expression in texts.SelectMany(GitHubWorkflow.Expressions))
            {
                Assert.True(WorkflowSetup.Contexts("/work").ContainsKey(expression), $"{Path.GetFileName(file)}: {expression}");
            }
        }
    }

    internal sealed record WorkflowResult(WorkflowRun Run, string Summary);

    /// <summary>A configuration repository with a prod environment, a runner home and a fake `gh`, against one emulator.</summary>
    private sealed class WorkflowSetup : IAsyncDisposable
    {
        private WorkflowSetup(CliHarness cli)
        {
            Cli = cli;
            Repository = Path.Combine(cli.Root, "repo");
            RunnerHome = Path.Combine(cli.Root, "runner-home");
            Directory.CreateDirectory(Repository);
            Directory.CreateDirectory(RunnerHome);
            var bin = Path.Combine(cli.Root, "fake-bin");
            Directory.CreateDirectory(bin);
            var gh = Path.Combine(bin, "gh");
            File.WriteAllText(gh, """
                #!/usr/bin/env bash
                printf 'gh %s\n' "$*" >> "$FAKE_GH_LOG"
                while [ $# -gt 0 ]; do
                  if [ "$1" = --body-file ]; then cat "$2" >> "$FAKE_GH_LOG"; fi
                  shift
                done
                """);
            File.SetUnixFileMode(gh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            FakeBin = bin;
        }

        public CliHarness Cli { get; }

        public string Repository { get; }

        public string RunnerHome { get; }

        public string RunnerTemp => Contexts(Repository)["runner.temp"];

        private string FakeBin { get; }

        private string GhLogPath => Path.Combine(Cli.Root, "gh.log");

        public string GhLog => File.Exists(GhLogPath) ? File.ReadAllText(GhLogPath) : "";

        public static async Task<WorkflowSetup> StartAsync()
        {
            var cli = await CliHarness.StartAsync();
            using (var client = cli.Client())
            {
                await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, TestContext.Current.CancellationToken);
            }

            var setup = new WorkflowSetup(cli);
            await PackedTool.WriteNuGetConfigAsync(cli.Root);
            return setup;
        }

        /// <summary>The expression values a run on GitHub would have.</summary>
        public static Dictionary<string, string> Contexts(string workspace) => new()
        {
            ["secrets.DESCOPE_PROD_MANAGEMENT_KEY"] = CliHarness.Key,
            ["github.token"] = "gh-token-for-tests",
            ["github.event.pull_request.number"] = PullRequestNumber,
            ["github.workspace"] = workspace,
            ["runner.temp"] = Path.Combine(Path.GetDirectoryName(workspace)!, "runner-temp"),
        };

        public void WriteWorkspace(string tenantsYaml)
        {
            File.WriteAllText(Path.Combine(Repository, "descope.yaml"), $$"""
                version: 1
                environments:
                  prod:
                    projectId: {{CliHarness.ProjectId}}
                    managementKey: ${DESCOPE_PROD_MANAGEMENT_KEY}
                    protected: true
                defaultEnvironment: prod
                manage: { tenants: true, flows: all, theme: true, deleteMissing: false }
                """);
            File.WriteAllText(Path.Combine(Repository, "tenants.yaml"), tenantsYaml);
        }

        public void ClearGhLog() => File.Delete(GhLogPath);

        public Task<WorkflowResult> RunAsync(string workflowFile) => RunAsync(GitHubWorkflow.Load(WorkflowPath(workflowFile)), _ => true);

        public async Task<WorkflowResult> RunAsync(GitHubWorkflow workflow, Func<WorkflowJob, bool> jobs)
        {
            var runner = new WorkflowRunner(Repository, RunnerHome, Contexts(Repository), MachineEnvironment());
            var run = await runner.RunAsync(workflow.Only(jobs), TestContext.Current.CancellationToken);
            return new WorkflowResult(run, runner.Summary);
        }

        public async Task<Tenant?> LoadTenantAsync(string id)
        {
            using var client = Cli.Client();
            var all = await client.Tenants.LoadAllAsync(TestContext.Current.CancellationToken);
            return all.FirstOrDefault(t => t.Id == id);
        }

        /// <summary>What a hosted runner's machine gives every step: its own home, the SDK on PATH, CI=true; here also the emulator's URL.</summary>
        private Dictionary<string, string> MachineEnvironment()
        {
            var env = new Dictionary<string, string>
            {
                ["HOME"] = RunnerHome,
                ["DOTNET_CLI_HOME"] = RunnerHome,
                ["PATH"] = FakeBin + ":" + Environment.GetEnvironmentVariable("PATH"),
                ["CI"] = "true",
                ["GITHUB_ACTIONS"] = "true",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
                ["DESCOPE_BASE_URL"] = Cli.Host.BaseUrl.ToString().TrimEnd('/'),
                ["FAKE_GH_LOG"] = GhLogPath,
            };
            if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
            {
                env["DOTNET_ROOT"] = root;
            }

            return env;
        }

        public ValueTask DisposeAsync() => Cli.DisposeAsync();
    }
}
