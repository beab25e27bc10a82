using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Cli.Tests.Workflows;

/// <summary>One step of a job: either a shell script (<c>run:</c>) or an action (<c>uses:</c>), which is not run here.</summary>
internal sealed record WorkflowStep(string Name, string? Run, string? Uses, IReadOnlyDictionary<string, string> Env, string? Condition);

internal sealed record WorkflowJob(string Id, IReadOnlyList<string> Needs, IReadOnlyDictionary<string, string> Env, IReadOnlyList<WorkflowStep> Steps);

/// <summary>
/// The part of a GitHub Actions workflow file that the example workflows use: jobs in <c>needs</c> order,
/// their steps, and <c>env</c> at workflow, job and step level. Anything a step relies on that this
/// reader does not model (a <c>shell</c> other than bash, a <c>working-directory</c>, an <c>if</c> on a
/// script step) is an error, so a workflow cannot quietly pass here and behave differently on GitHub.
/// </summary>
internal sealed partial class GitHubWorkflow
{
    private GitHubWorkflow(string path, IReadOnlyDictionary<string, string> env, IReadOnlyList<WorkflowJob> jobs)
    {
        Path = path;
        Env = env;
        Jobs = jobs;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>Jobs ordered so that every job comes after the jobs it needs.</summary>
    public IReadOnlyList<WorkflowJob> Jobs { get; }

    public static GitHubWorkflow Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var jobs = new List<WorkflowJob>();
        foreach (var (key, value) in Mapping(root, "jobs")!.Children)
        {
            jobs.Add(ReadJob(((YamlScalarNode)key).Value!, (YamlMappingNode)value));
        }

        return new GitHubWorkflow(path, ReadEnv(root), Order(jobs));
    }

    /// <summary>The workflow with only some of its jobs; a kept job whose needs were left out runs as if they had passed.</summary>
    public GitHubWorkflow Only(Func<WorkflowJob, bool> keep) =>
        new(Path, Env, Jobs.Where(keep).Select(j => j with { Needs = j.Needs.Where(n => Jobs.Any(k => k.Id == n && keep(k))).ToList() }).ToList());

    /// <summary>Every <c>${{ ... }}</c> expression in a text, trimmed.</summary>
    public static IEnumerable<string> Expressions(string text) =>
        ExpressionPattern().Matches(text).Select(m => m.Groups[1].Value.Trim());

    /// <summary>Replaces every expression through <paramref name="resolve"/>.</summary>
    public static string Substitute(string text, Func<string, string> resolve) =>
        ExpressionPattern().Replace(text, m => resolve(m.Groups[1].Value.Trim()));

    private static WorkflowJob ReadJob(string id, YamlMappingNode job)
    {
        var needs = job.Children.TryGetValue(new YamlScalarNode("needs"), out var needsNode)
            ? needsNode switch
            {
                YamlScalarNode one => [one.Value!],
                YamlSequenceNode many => many.Children.Select(n => ((YamlScalarNode)n).Value!).ToList(),
                _ => throw new InvalidDataException($"job {id}: needs must be a name or a list"),
            }
            : new List<string>();
        var steps = new List<WorkflowStep>();
        var index = 0;
        foreach (YamlMappingNode step in Sequence(job, "steps")!.Children.Cast<YamlMappingNode>())
        {
            index++;
            var run = Scalar(step, "run");
            var uses = Scalar(step, "uses");
            var name = Scalar(step, "name") ?? uses ?? $"step {index}";
            if (run is not null)
            {
                foreach (var unsupported in new[] { "shell", "working-directory", "if", "continue-on-error" })
                {
                    if (Scalar(step, unsupported) is not null)
                    {
                        throw new InvalidDataException($"{id}/{name}: '{unsupported}' on a run step is not modelled by the local runner; keep the logic in the script");
                    }
                }
            }

            steps.Add(new WorkflowStep(name, run, uses, ReadEnv(step), Scalar(step, "if")));
        }

        return new WorkflowJob(id, needs, ReadEnv(job), steps);
    }

    private static List<WorkflowJob> Order(List<WorkflowJob> jobs)
    {
        var ordered = new List<WorkflowJob>();
        var remaining = new List<WorkflowJob>(jobs);
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(j => j.Needs.All(n => ordered.Any(o => o.Id == n)))
                ?? throw new InvalidDataException("jobs have a cycle or need a job that does not exist: " + string.Join(", ", remaining.Select(j => j.Id)));
            ordered.Add(ready);
            remaining.Remove(ready);
        }

        return ordered;
    }

    private static Dictionary<string, string> ReadEnv(YamlMappingNode node) =>
        Mapping(node, "env")?.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "")
        ?? [];

    private static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (YamlMappingNode)value : null;

    private static YamlSequenceNode? Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (YamlSequenceNode)value : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    [GeneratedRegex(@"\$\{\{(.+?)\}\}")]
    private static partial Regex ExpressionPattern();
}
