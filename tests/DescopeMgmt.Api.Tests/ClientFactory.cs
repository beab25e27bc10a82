using DescopeMgmt.Emulator;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Api.Tests;

/// <summary>Starts a real emulator on a loopback port and a real client pointed at it.</summary>
internal sealed class ClientFactory : IAsyncDisposable
{
    public const string ProjectId = "P2ApiTestProject000000000001";
    public const string Key = "K2ApiTestKeyThatMustNeverLeak0001";

    private readonly List<DescopeClient> _clients = [];

    private ClientFactory(EmulatorHost host) => Host = host;

    public EmulatorHost Host { get; }

    public static async Task<ClientFactory> StartAsync(EmulatorOptions? options = null)
    {
        var host = await EmulatorHost.StartAsync(options ?? new EmulatorOptions { ManagementKey = Key }, TestContext.Current.CancellationToken);
        return new ClientFactory(host);
    }

    public DescopeClient Create(
        string? key = null,
        TimeProvider? time = null,
        Action<string>? trace = null,
        RateLimitPolicy? rateLimit = null,
        int maxRetries = 3,
        TimeSpan? requestTimeout = null,
        Uri? baseUrl = null)
    {
        var client = new DescopeClient(new DescopeClientOptions
        {
            ProjectId = ProjectId,
            ManagementKey = key ?? Key,
            BaseUrl = baseUrl ?? Host.BaseUrl,
            TimeProvider = time ?? new DelaySkippingTimeProvider(),
            RequestTimeout = requestTimeout ?? TimeSpan.FromMinutes(10),
            Trace = trace,
            RateLimit = rateLimit,
            MaxRetries = maxRetries,
        });
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }
}
