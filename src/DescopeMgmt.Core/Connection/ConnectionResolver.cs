using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Connection;

/// <summary>
/// Picks the target project, first match wins: flags, then --env, then DESCOPE_* variables, then the
/// workspace's defaultEnvironment. --local (or base URL "local") means the embedded emulator.
/// </summary>
public static class ConnectionResolver
{
    public const string LocalBaseUrl = "local";

    /// <summary>Project used with --local when nothing names one: the emulator's sample project.</summary>
    public static string LocalDefaultProjectId { get; set; } = "P2LocalSampleProject0000000001";

    /// <summary>Key the embedded emulator accepts when DESCOPE_MANAGEMENT_KEY is not set.</summary>
    public static string LocalDefaultKey { get; set; } = "K2LocalEmulatorKeyDoNotUseInProduction";

    public static ConnectionTarget Resolve(ConnectionRequest request)
    {
        var envKey = NonEmpty(request.GetVariable("DESCOPE_MANAGEMENT_KEY"));
        var envProject = NonEmpty(request.GetVariable("DESCOPE_PROJECT_ID"));
        var envBaseUrl = NonEmpty(request.GetVariable("DESCOPE_BASE_URL"));

        if (NonEmpty(request.ProjectIdFlag) is { } flagProject)
        {
            if (EnvironmentOf(request, flagProject) is { } matched)
            {
                return FromWorkspace(request, matched, "--project-id", byId: true, request.BaseUrlFlag ?? envBaseUrl);
            }

            return Build(flagProject, envKey, request.BaseUrlFlag ?? envBaseUrl, request.LocalFlag, null, false, "--project-id");
        }

        if (NonEmpty(request.EnvironmentFlag) is { } envName)
        {
            return FromWorkspace(request, envName, "--env");
        }

        if (envProject is not null)
        {
            if (EnvironmentOf(request, envProject) is { } matched)
            {
                return FromWorkspace(request, matched, "DESCOPE_PROJECT_ID", byId: true, request.BaseUrlFlag ?? envBaseUrl);
            }

            return Build(envProject, envKey, request.BaseUrlFlag ?? envBaseUrl, request.LocalFlag, null, false, "DESCOPE_PROJECT_ID");
        }

        if (request.Workspace?.DefaultEnvironment is { } defaultEnv)
        {
            return FromWorkspace(request, defaultEnv, "defaultEnvironment");
        }

        if (request.LocalFlag || IsLocal(request.BaseUrlFlag ?? envBaseUrl))
        {
            return Build(LocalDefaultProjectId, envKey, LocalBaseUrl, true, null, false, "--local");
        }

        throw new UserError("no_project", "No Descope project was chosen.",
            "Pass --project-id with DESCOPE_MANAGEMENT_KEY set, set DESCOPE_PROJECT_ID, use --env with a workspace (descope.yaml), or try --local for the embedded emulator.");
    }

    /// <summary>
    /// The workspace environment whose project this is, so a project chosen by ID still gets that
    /// environment's vars and protection: prod stays protected however it is named.
    /// </summary>
    private static string? EnvironmentOf(ConnectionRequest request, string projectId) =>
        request.Workspace?.Environments
            .Where(e => string.Equals(e.Value.ProjectId, projectId, StringComparison.Ordinal))
            // Two environments on one project: the protected one wins, so protection is never lost.
            .OrderByDescending(e => e.Value.IsProtected)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => e.Key)
            .FirstOrDefault();

    private static ConnectionTarget FromWorkspace(ConnectionRequest request, string envName, string source, bool byId = false, string? baseUrlOverride = null)
    {
        if (request.Workspace is null)
        {
            throw new UserError("no_workspace", $"--env {envName} needs a workspace, and no descope.yaml was found.",
                "Run in a workspace folder, pass -C DIR, or create one with `descope-mgmt init`.");
        }

        if (!request.Workspace.Environments.TryGetValue(envName, out var env))
        {
            var known = string.Join(", ", request.Workspace.Environments.Keys.Order(StringComparer.Ordinal));
            throw new UserError("unknown_environment", $"Environment '{envName}' is not defined in {request.Workspace.DescopeYamlPath}.",
                $"Known environments: {known}.");
        }

        // A project named by ID takes its key from DESCOPE_MANAGEMENT_KEY; by environment, from the
        // variable descope.yaml names for it.
        var globalKey = NonEmpty(request.GetVariable("DESCOPE_MANAGEMENT_KEY"));
        var envKey = env.ManagementKeyVariable is { } variable ? NonEmpty(request.GetVariable(variable)) : null;
        var key = byId ? globalKey ?? envKey : envKey ?? globalKey;
        // DESCOPE_BASE_URL is the base URL of an environment that names none, however the environment was chosen.
        var baseUrl = request.BaseUrlFlag ?? baseUrlOverride ?? env.BaseUrl ?? NonEmpty(request.GetVariable("DESCOPE_BASE_URL"));
        var local = request.LocalFlag || IsLocal(baseUrl);
        if (key is null && !local)
        {
            throw new UserError("no_key", $"No management key for environment '{envName}'.",
                env.ManagementKeyVariable is { } v
                    ? $"Set the environment variable {v} (descope.yaml names it as the key of '{envName}')."
                    : "Set DESCOPE_MANAGEMENT_KEY.");
        }

        return Build(env.ProjectId, key, baseUrl, local, envName, env.IsProtected, byId ? $"{source} (environment {envName})" : $"{source} {envName}");
    }

    private static ConnectionTarget Build(string projectId, string? key, string? baseUrl, bool local, string? envName, bool isProtected, string source)
    {
        local = local || IsLocal(baseUrl);
        if (!local && key is null)
        {
            throw new UserError("no_key", "DESCOPE_MANAGEMENT_KEY is not set.",
                "Export the management key in DESCOPE_MANAGEMENT_KEY; it is never accepted on the command line.");
        }

        // Such a key fails inside the HTTP client as "the connection failed", which sends the user to check the network.
        if (key is not null && key.Any(c => c < ' ' || c > '~'))
        {
            throw new UserError("invalid_key", "The management key holds a character an HTTP header cannot carry (a line break, a control or non-ASCII character).",
                "Copy the key again from the Descope console and export it alone, without quotes or surrounding text.");
        }

        Uri? url = null;
        if (!local && NonEmpty(baseUrl) is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out url))
            {
                throw new UserError("invalid_base_url", $"'{text}' is not a valid base URL.", "Use e.g. https://api.descope.com or 'local'.");
            }
        }

        return new ConnectionTarget(projectId, new Secret(key ?? LocalDefaultKey), url, local, envName, isProtected, source);
    }

    private static bool IsLocal(string? baseUrl) => string.Equals(baseUrl?.Trim(), LocalBaseUrl, StringComparison.OrdinalIgnoreCase);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
