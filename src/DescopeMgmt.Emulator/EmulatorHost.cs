using System.Net;
using DescopeMgmt.Emulator.Endpoints;
using DescopeMgmt.Emulator.Faults;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DescopeMgmt.Emulator;

/// <summary>
/// The Descope Management API emulator, hosted in-process on a loopback port: used by `--local`,
/// `emulator serve`, the demo and every integration test.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    /// <summary>How long a stop waits for requests in flight before dropping them.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly RateLimitGate _rateLimit;
    private volatile bool _snapshotExportDisabled;

    private EmulatorHost(WebApplication app, RequestLog requests, FaultInjector faults, RateLimitGate rateLimit, bool snapshotExportDisabled)
    {
        _app = app;
        Requests = requests;
        Faults = faults;
        _rateLimit = rateLimit;
        _snapshotExportDisabled = snapshotExportDisabled;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public RequestLog Requests { get; }

    /// <summary>What the caller should tell its user about the start, e.g. an unreadable state file moved aside.</summary>
    public IReadOnlyList<string> StartupWarnings { get; private init; } = [];

    public FaultInjector Faults { get; }

    public bool SnapshotExportDisabled
    {
        get => _snapshotExportDisabled;
        set => _snapshotExportDisabled = value;
    }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var address = IPAddress.Parse(options.Host);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"The emulator only listens on loopback addresses, not {options.Host}.", nameof(options));
        }

        // The empty builder with only routing and Kestrel's core: no configuration files, HTTPS or HTTP/3, which the
        // loopback emulator never uses and which cost the native binary about 1.2 MB.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();

        // The default console lifetime registers SIGINT/SIGTERM/SIGQUIT handlers that stop only this host
        // and swallow the signal, so a process embedding the emulator (`apply --local`) would ignore SIGTERM.
        // Signals belong to the process that owns the emulator; it stops the host by disposing it.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownGrace);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, options.Port);
            kestrel.Limits.MaxRequestBodySize = 256 * 1024 * 1024;
        });
        var app = builder.Build();

        var store = new ProjectStore(options.DataDir);
        var reseeded = false;
        if (options.SeedSample)
        {
            var sample = store.Get(EmulatorDefaults.SampleProjectId);
            lock (sample.Sync)
            {
                if (sample.IsEmpty)
                {
                    SampleData.LoadInto(sample, options.TimeProvider);
                    store.Save(EmulatorDefaults.SampleProjectId, sample);
                    reseeded = true;
                }
            }
        }

        var warnings = store.MovedAside.Select(corrupt =>
            $"Project state file {corrupt.File} could not be read; it was moved aside to {corrupt.MovedTo} and project {corrupt.ProjectId} " +
            (reseeded && corrupt.ProjectId == EmulatorDefaults.SampleProjectId ? "was reseeded with the sample data." : "starts empty.")).ToList();

        var requests = new RequestLog();
        var faults = new FaultInjector(options.Faults, options.RandomSeed);
        var rateLimit = new RateLimitGate(options.TimeProvider);
        rateLimit.Set(options.RateLimit);
        var key = options.ManagementKey
            ?? NonEmpty(Environment.GetEnvironmentVariable("DESCOPE_MANAGEMENT_KEY"))
            ?? EmulatorDefaults.LocalManagementKey;
        var host = new EmulatorHost(app, requests, faults, rateLimit, options.SnapshotExportDisabled) { StartupWarnings = warnings };

        var gateway = new GatewayMiddleware(requests, faults, rateLimit, key, options.TimeProvider);
        app.Use(gateway.InvokeAsync);
        var projects = new ProjectAccess(store, options.TimeProvider);
        FlowEndpoints.Map(app, projects);
        ThemeEndpoints.Map(app, projects);
        TenantEndpoints.Map(app, projects);
        PermissionEndpoints.Map(app, projects);
        RoleEndpoints.Map(app, projects);
        PasswordEndpoints.Map(app, projects);
        AccessKeyEndpoints.Map(app, projects);
        SsoEndpoints.Map(app, projects);
        UserEndpoints.Map(app, projects);
        ProjectEndpoints.Map(app, projects, () => host.SnapshotExportDisabled);
        app.MapFallback(context => Wire.WriteErrorAsync(context, 404, "E011404", "Not found", $"no such endpoint: {context.Request.Method} {context.Request.Path}"));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUrl = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return host;
    }

    /// <summary>The host's lifetime, so tests can prove no signal handling of its own is installed.</summary>
    internal IHostLifetime Lifetime => _app.Services.GetRequiredService<IHostLifetime>();

    public void SetRateLimit(RateLimitSpec? spec) => _rateLimit.Set(spec);

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (Ctrl-C for `emulator serve`).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Starts and stops only when told to: no console or signal hooks.</summary>
    internal sealed class PassiveHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
