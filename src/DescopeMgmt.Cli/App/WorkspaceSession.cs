using DescopeMgmt.Core;
using DescopeMgmt.Core.Connection;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Cli.App;

/// <summary>The workspace side of a command: finding it, feeding its environments to connection resolution, planning.</summary>
internal static class WorkspaceSession
{
    /// <summary>Environments of descope.yaml for --env and defaultEnvironment; null outside a workspace.</summary>
    public static WorkspaceEnvironmentSource? Environments(CommandContext context)
    {
        if (context.WorkspaceRoot is not { } root || !File.Exists(Path.Combine(root, WorkspaceConfigReader.FileName)))
        {
            return null;
        }

        // A broken descope.yaml is reported as such (file:line), not as a confusing connection error later.
        var problems = new List<WorkspaceProblem>();
        var config = WorkspaceConfigReader.Read(root, problems);
        if (problems.Any(p => p.Severity == ProblemSeverity.Error))
        {
            throw new WorkspaceInvalidError(problems);
        }

        return new WorkspaceEnvironmentSource(config.Path, config.DefaultEnvironment,
            config.Environments.ToDictionary(e => e.Key, e => new WorkspaceEnvironmentInfo(e.Value.ProjectId, e.Value.ManagementKeyVariable, e.Value.BaseUrl, e.Value.IsProtected)));
    }

    /// <summary>
    /// What the workspace manages, for commands that also run outside one (backup create reads a kind managed item
    /// by item, tenant SSO, only for the items it opts in); null outside a workspace.
    /// </summary>
    public static ManageConfig? ManageOrNull(CommandContext context) =>
        context.WorkspaceRoot is { } root && File.Exists(Path.Combine(root, WorkspaceConfigReader.FileName)) ? WorkspaceConfigReader.Read(root, []).Manage : null;

    public static string RequireRoot(CommandContext context) => context.WorkspaceRoot
        ?? throw new UserError("no_workspace", $"No {WorkspaceConfigReader.FileName} in {context.Env.CurrentDirectory} or any folder above it.",
            "Run in a workspace folder, pass -C DIR, or create one with `descope-mgmt init`.");

    /// <summary>The shortest resolved secret that is also hidden from every text printed (see <see cref="Load"/>).</summary>
    private const int MinRedactedLength = 8;

    /// <summary>Loads the workspace for the target environment and fails listing every problem.</summary>
    public static LoadedWorkspace Load(CommandContext context)
    {
        var root = RequireRoot(context);
        var workspace = WorkspaceLoader.Load(root, context.Target.EnvironmentName, context.Env.GetVariable);
        if (context.Target.EnvironmentName is null && workspace.Environment is not null)
        {
            context.IO.Warn($"Project {context.Target.ProjectId} is not an environment of {WorkspaceConfigReader.FileName}; " +
                $"the vars of the default environment '{workspace.Config.DefaultEnvironment}' fill its ${{...}} placeholders.");
        }

        foreach (var warning in workspace.Problems.Where(p => p.Severity == ProblemSeverity.Warning))
        {
            context.IO.Warn(warning.ToString());
        }

        // Defence in depth: a resolved secret (an OIDC client secret from ${NAME}) is hidden from everything printed.
        foreach (var kind in Core.Kinds.ResourceKinds.All.Where(k => k.SensitivePaths.Count > 0))
        {
            foreach (var item in workspace.Desired.OrEmpty(kind.Type).Values)
            {
                // An undefined ${NAME} stays as written (and is an error): hiding it would turn the error into "(sensitive) is not defined".
                // A value too short to be anyone's real client secret ("x" in a test environment) would, hidden from all text, mangle
                // every word holding it and so tell it; the documents that carry it mask it where it goes.
                foreach (var (_, value) in Core.Kinds.SensitiveFields.Values(kind, item.Document)
                    .Where(v => TemplateText.SingleVariable(v.Value) is null && v.Value.Length >= MinRedactedLength))
                {
                    context.Env.AddSecret(value);
                }
            }
        }

        return workspace.EnsureValid();
    }

    /// <summary>
    /// The workspace record with the files of the managed kinds in <paramref name="scope"/> as they are now
    /// (read right after the plan loaded them, before any prompt); saved only once an apply succeeded.
    /// </summary>
    public static WorkspaceRecord RecordOf(LoadedWorkspace workspace, PlanScope scope)
    {
        var record = WorkspaceRecord.Read(workspace.Root);
        var kinds = Core.Kinds.ResourceKinds.All.Where(k => scope.Types.Contains(k.Type) && workspace.Config.Manage.Manages(k.Type)).ToList();
        record.RememberFromDisk(kinds
            .SelectMany(k => workspace.Desired.OrEmpty(k.Type).Values.Select(d => d.File)
                .Concat(k.WorkspaceFile.EndsWith('/') ? [] : [k.WorkspaceFile]))
            .Distinct(StringComparer.Ordinal));
        return record;
    }

    /// <summary>Reads live at a constant API cost and compares it with the workspace.</summary>
    public static async Task<PlanRun> PlanAsync(CommandContext context, PlanScope scope, CancellationToken cancellationToken)
    {
        var workspace = Load(context);
        // Only the kinds the plan can change are read: those in scope, managed, and held by a workspace file.
        var kinds = scope.Types.Where(t => workspace.Config.Manage.Manages(t) && workspace.Desired.Holds(t)).ToHashSet();
        var live = await ReadLiveAsync(context, workspace, kinds, cancellationToken).ConfigureAwait(false);
        return new PlanRun(workspace, live, kinds, Planner.Create(workspace, live, scope));
    }

    /// <summary>Live state of the given kinds; kinds that cannot be listed read the items the workspace names.</summary>
    public static async Task<LiveSnapshot> ReadLiveAsync(CommandContext context, LoadedWorkspace workspace, IReadOnlySet<ResourceType> kinds, CancellationToken cancellationToken)
    {
        var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var before = client.Stats.Attempts;
        var live = await new LiveSnapshotReader(client).ReadAsync(kinds, context.IO.Warnings, cancellationToken, type => workspace.Desired.OrEmpty(type).Keys.ToList(), workspace.Config.Manage).ConfigureAwait(false);
        context.IO.Verbose($"plan read live with {Rendering.Plural.Of((int)(client.Stats.Attempts - before), "API call")}{(live.UsedProjectSnapshot ? " (project snapshot)" : "")}");
        return live;
    }
}

/// <summary>One plan and what it was made from: the workspace, the live state read, and the kinds read.</summary>
internal sealed record PlanRun(LoadedWorkspace Workspace, LiveSnapshot Live, IReadOnlySet<ResourceType> Kinds, Plan Plan)
{
    public PlanInputs Inputs() => PlanInputs.Of(Workspace, Live, Kinds);

    /// <summary>The plan as a file holds it (fingerprinting every input: only when saved or shown for review).</summary>
    public SavedPlan Save(ConnectionTarget target, DateTimeOffset createdAt) =>
        SavedPlan.Create(Plan, Rendering.TargetText.ForPlan(target), Kinds, Inputs(), createdAt, ToolInfo.Version);
}
