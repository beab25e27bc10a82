using System.Net.Http.Headers;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Api.Flows;
using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Password;
using DescopeMgmt.Api.Permissions;
using DescopeMgmt.Api.Projects;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Sso;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Api.Themes;
using DescopeMgmt.Api.Users;
using Microsoft.Extensions.Http.Resilience;

namespace DescopeMgmt.Api;

/// <summary>Typed client of the Descope Management API for one project.</summary>
public sealed class DescopeClient : IDisposable
{
    private readonly HttpClient _http;

    public DescopeClient(DescopeClientOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ProjectId))
        {
            throw new DescopeConfigurationException("No project ID was given.",
                "Pass --project-id, set DESCOPE_PROJECT_ID, or choose a workspace environment with --env.");
        }

        if (string.IsNullOrWhiteSpace(options.ManagementKey))
        {
            throw new DescopeConfigurationException("No management key was given.",
                "Set DESCOPE_MANAGEMENT_KEY (the key is never accepted on the command line).");
        }

        if (options.MaxAnswerBytes <= 0)
        {
            throw new DescopeConfigurationException($"The answer limit must be positive (got {options.MaxAnswerBytes}).",
                "Leave DescopeClientOptions.MaxAnswerBytes at its default or give a number of bytes.");
        }

        BaseUrl = BaseUrlResolver.Resolve(options.ProjectId, options.BaseUrl);
        ProjectId = options.ProjectId;
        Stats = new ApiCallStats();

        HttpMessageHandler handler = new AttemptTimeoutHandler(options.RequestTimeout, options.TimeProvider)
        {
            InnerHandler = new TracingHandler(Stats, options.Trace, options.TimeProvider)
            {
                InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
            },
        };
        if (options.RateLimit is { } rate)
        {
            handler = new RateLimitingHandler(rate.CreateLimiter()) { InnerHandler = handler };
        }

        handler = new ResilienceHandler(RetryPipelineFactory.Create(options, Stats)) { InnerHandler = handler };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri(BaseUrl.AbsoluteUri.TrimEnd('/') + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{options.ProjectId}:{options.ManagementKey}");
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _http.DefaultRequestHeaders.Add("x-descope-project-id", options.ProjectId);

        var transport = new ApiTransport(_http, options.MaxAnswerBytes);
        Flows = new FlowsApi(transport);
        Themes = new ThemesApi(transport);
        Tenants = new TenantsApi(transport);
        Projects = new ProjectsApi(transport);
        Permissions = new PermissionsApi(transport);
        Roles = new RolesApi(transport);
        Password = new PasswordApi(transport);
        AccessKeys = new AccessKeysApi(transport);
        Sso = new SsoApi(transport);
        Users = new UsersApi(transport);
    }

    public Uri BaseUrl { get; }

    public string ProjectId { get; }

    public ApiCallStats Stats { get; }

    public FlowsApi Flows { get; }

    public ThemesApi Themes { get; }

    public TenantsApi Tenants { get; }

    public ProjectsApi Projects { get; }

    public PermissionsApi Permissions { get; }

    public RolesApi Roles { get; }

    /// <summary>The password policy, project-wide and per tenant.</summary>
    public PasswordApi Password { get; }

    /// <summary>Access keys; the cleartext comes only from create and rotate, as a value that does not print itself.</summary>
    public AccessKeysApi AccessKeys { get; }

    /// <summary>Tenants' SSO configurations (SAML or OIDC), several per tenant by SSO ID.</summary>
    public SsoApi Sso { get; }

    /// <summary>Users, searched a page at a time.</summary>
    public UsersApi Users { get; }

    public void Dispose() => _http.Dispose();
}
