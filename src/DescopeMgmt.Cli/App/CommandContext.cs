using DescopeMgmt.Api;
using DescopeMgmt.Core.Connection;
using DescopeMgmt.Emulator;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// Per-invocation services, built lazily so a command pays only for what it uses
/// (--version and --help build nothing).
/// </summary>
public sealed class CommandContext : IAsyncDisposable
{
    private ConnectionTarget? _target;
    private DescopeClient? _client;
    private EmulatorHost? _emulator;
    private string? _workspaceRoot;

    public CommandContext(CliEnvironment env, GlobalSettings settings)
    {
        Env = env;
        Settings = settings;
        IO = new CliIO(env, settings);
    }

    public CliEnvironment Env { get; }

    /// <summary>The command being run, so a hint names only options it has (null when run outside the tree).</summary>
    public System.CommandLine.Command? Command { get; init; }

    public GlobalSettings Settings { get; }

    public CliIO IO { get; }

    public TimeProvider Time => Env.TimeProvider;

    public string HomeDirectory => Env.HomeDirectory;

    public string BackupRoot =>
        CliEnvironment.NonEmpty(Settings.BackupDir)
        ?? CliEnvironment.NonEmpty(Env.GetVariable("DESCOPE_BACKUP_DIR"))
        ?? Path.Combine(HomeDirectory, "backups");

    public string AuditDirectory => Path.Combine(HomeDirectory, "audit");

    public string LockDirectory => Path.Combine(HomeDirectory, "locks");

    /// <summary>
    /// The workspace folder: -C DIR, else the nearest folder from the current one upward that holds
    /// descope.yaml (as git finds .git), so commands work from flows/ or any other subfolder; null when none.
    /// Paths the user types (files, -o) stay relative to the current folder; workspace files resolve from here.
    /// </summary>
    /// <remarks>Only a found folder is kept: init creates descope.yaml and then pulls within one command.</remarks>
    public string? WorkspaceRoot => _workspaceRoot ??= FindWorkspaceRoot();

    /// <summary>Pins the workspace to the folder init just created, not a workspace found above it earlier.</summary>
    internal void UseWorkspaceRoot(string root) => _workspaceRoot = root;

    private string? FindWorkspaceRoot()
    {
        if (CliEnvironment.NonEmpty(Settings.Workspace) is { } explicitRoot)
        {
            var full = Path.GetFullPath(explicitRoot, Env.CurrentDirectory);
            if (!Directory.Exists(full))
            {
                throw new Core.UserError("workspace_not_found",
                    File.Exists(full) ? $"-C {explicitRoot}: {full} is a file, not a folder." : $"-C {explicitRoot}: no such folder ({full}).",
                    "Pass the folder that holds descope.yaml, or create a workspace there with `descope-mgmt init -C DIR`.");
            }

            return full;
        }

        for (var folder = new DirectoryInfo(Env.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "descope.yaml")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>Supplies the workspace's environments to connection resolution; set by the workspace layer.</summary>
    public Func<CommandContext, WorkspaceEnvironmentSource?> WorkspaceEnvironments { get; set; } = _ => null;

    public ConnectionTarget Target => _target ??= Resolve();

    private ConnectionTarget Resolve()
    {
        var environments = WorkspaceEnvironments(this);

        // Every environment's key is hidden from output, not only the target's: a dev run must not print
        // the prod key that happens to be in the same CI job's environment.
        foreach (var variable in environments?.Environments.Values.Select(e => e.ManagementKeyVariable) ?? [])
        {
            if (variable is not null && CliEnvironment.NonEmpty(Env.GetVariable(variable)) is { } key)
            {
                Env.AddSecret(key);
            }
        }

        var target = ConnectionResolver.Resolve(new ConnectionRequest(
            Settings.ProjectId,
            Settings.BaseUrl,
            Settings.Local,
            Settings.Env,
            Env.GetVariable,
            environments));
        Env.AddSecret(target.ManagementKey.Reveal());
        return target;
    }

    /// <summary>
    /// The project for local-only commands (backup list, audit): resolvable without a key; null when
    /// nothing names a project, meaning "all projects".
    /// </summary>
    public string? ProjectIdIfKnown
    {
        get
        {
            if (CliEnvironment.NonEmpty(Settings.ProjectId) is { } flag)
            {
                return flag;
            }

            try
            {
                return Target.ProjectId;
            }
            catch (Core.UserError)
            {
                return CliEnvironment.NonEmpty(Env.GetVariable("DESCOPE_PROJECT_ID"));
            }
        }
    }

    public async Task<DescopeClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            return _client;
        }

        var target = Target;
        var baseUrl = target.BaseUrl;
        if (target.UseEmbeddedEmulator)
        {
            _emulator = await EmbeddedEmulator.StartAsync(HomeDirectory, target, cancellationToken).ConfigureAwait(false);
            baseUrl = _emulator.BaseUrl;
            foreach (var warning in _emulator.StartupWarnings)
            {
                IO.Warn(warning);
            }

            IO.Verbose($"embedded emulator listening on {baseUrl}");
        }

        _client = new DescopeClient(new DescopeClientOptions
        {
            ProjectId = target.ProjectId,
            ManagementKey = target.ManagementKey.Reveal(),
            BaseUrl = baseUrl,
            RateLimit = RateLimitSetting(),
            Trace = Settings.Verbose ? IO.Verbose : null,
            TimeProvider = Time,
        });
        IO.Verbose($"target: {target.Describe()} via {target.Source}, {_client.BaseUrl}");
        return _client;
    }

    /// <summary>The target if it can be resolved, for auditing an attempt that may have failed resolving it.</summary>
    public ConnectionTarget? TryGetTarget()
    {
        try
        {
            return Target;
        }
        catch (Core.UserError)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null && Settings.Verbose)
        {
            IO.Verbose($"API calls: {_client.Stats.Attempts} (retries {_client.Stats.Retries}, 429s {_client.Stats.RateLimited})");
        }

        _client?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }

        IO.Flush();
    }

    private RateLimitPolicy? RateLimitSetting()
    {
        var text = CliEnvironment.NonEmpty(Settings.RateLimit) ?? CliEnvironment.NonEmpty(Env.GetVariable("DESCOPE_MGMT_RATE_LIMIT"));
        if (text is null)
        {
            return null;
        }

        try
        {
            return RateLimitPolicy.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new Core.UserError("invalid_rate_limit", ex.Message, "Use PERMITS/WINDOW, e.g. --rate-limit 500/10s.");
        }
    }
}
