using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Emulator;
using DescopeMgmt.Emulator.Faults;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Api.Tests;

/// <summary>Retries, 429 handling and failures, against the real emulator's fault injection.</summary>
public sealed class FaultHandlingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RateLimited_withRetryAfter_waitsThatLongThenSucceeds()
    {
        var clock = new SharedSkippingClock();
        await using var factory = await ClientFactory.StartAsync(new EmulatorOptions
        {
            ManagementKey = ClientFactory.Key,
            RateLimit = new RateLimitSpec(1, TimeSpan.FromSeconds(30)),
            TimeProvider = clock,
        });
        var client = factory.Create(time: clock, maxRetries: 1);
        await client.Flows.ListAsync(Ct);

        // The window is spent: the answer is 429 with Retry-After of the window's remaining seconds.
        // Waiting that long (on the shared clock) opens the next window, so the single retry passes.
        var flows = await client.Flows.ListAsync(Ct);

        Assert.Empty(flows);
        Assert.Equal(1, client.Stats.RateLimited);
        Assert.Equal(1, client.Stats.Retries);
        var wait = Assert.Single(clock.Delays);
        Assert.InRange(wait, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RateLimited_once_isWaitedOutAndSucceeds()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("429@/v1/mgmt/flow/list#1"));
        var time = new DelaySkippingTimeProvider();
        var client = factory.Create(time: time);

        var flows = await client.Flows.ListAsync(Ct);

        Assert.Empty(flows);
        Assert.Equal(1, client.Stats.RateLimited);
        Assert.Equal([TimeSpan.FromSeconds(1)], time.Delays);
    }

    [Fact]
    public async Task RateLimited_withoutRetryAfter_waitsTheDefault()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("429-noretryafter@/v1/mgmt/flow/list#1"));
        var time = new DelaySkippingTimeProvider();
        var client = factory.Create(time: time);

        var flows = await client.Flows.ListAsync(Ct);

        Assert.Empty(flows);
        Assert.Equal(1, client.Stats.RateLimited);
        Assert.Equal([TimeSpan.FromSeconds(60)], time.Delays);
    }

    [Fact]
    public async Task ServiceUnavailable_twice_isRetriedAndSucceeds()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("503@/v1/mgmt/flow/list#1"));
        factory.Host.Faults.Add(FaultSpec.Parse("503@/v1/mgmt/flow/list#2"));
        var client = factory.Create();

        var flows = await client.Flows.ListAsync(Ct);

        Assert.Empty(flows);
        Assert.Equal(2, client.Stats.Retries);
        Assert.Equal(3, factory.Host.Requests.Snapshot().Count(r => r.Path == "/v1/mgmt/flow/list"));
    }

    [Fact]
    public async Task BadRequest_isNotRetried()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("400@/v1/mgmt/flow/list"));
        var client = factory.Create();

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Flows.ListAsync(Ct));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(0, client.Stats.Retries);
        Assert.Single(factory.Host.Requests.Snapshot(), r => r.Path == "/v1/mgmt/flow/list");
    }

    [Fact]
    public async Task DroppedConnection_onImport_surfacesClearConnectionError()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("reset@/v2/mgmt/flow/import"));
        var client = factory.Create();

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Flows.ImportAsync("a", SampleDocuments.Flow("a"), Ct));

        Assert.True(ex.IsConnectionFailure);
        Assert.Contains("import flow 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("connection", ex.Message, StringComparison.Ordinal);
        Assert.Contains("plan", ex.Hint, StringComparison.Ordinal);
        Assert.Equal(3, client.Stats.Retries);
    }

    [Fact]
    public async Task WrongKey_gives401WithHint_andTheKeyAppearsNowhere()
    {
        await using var factory = await ClientFactory.StartAsync();
        var lines = new List<string>();
        const string wrongKey = "K2WrongKeyValue-should-not-leak";
        var client = factory.Create(key: wrongKey, trace: lines.Add);

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Flows.ListAsync(Ct));

        Assert.Equal(401, ex.StatusCode);
        Assert.True(ex.IsUnauthorized);
        Assert.Contains("DESCOPE_MANAGEMENT_KEY", ex.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains(wrongKey, StringComparison.Ordinal) || l.Contains(ClientFactory.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trace_logsMethodPathStatusAndRetries_withoutTheKey()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("503@/v1/mgmt/flow/list#1"));
        var lines = new List<string>();
        var client = factory.Create(trace: lines.Add);

        await client.Flows.ListAsync(Ct);

        Assert.Contains(lines, l => l.StartsWith("POST /v1/mgmt/flow/list -> 503", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("POST /v1/mgmt/flow/list -> 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("retry 1/3", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(ClientFactory.Key, StringComparison.Ordinal) || l.Contains("Bearer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientRateLimit_underServerLimit_neverTrips429()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.SetRateLimit(new RateLimitSpec(10, TimeSpan.FromSeconds(1)));
        var client = factory.Create(rateLimit: new RateLimitPolicy(9, TimeSpan.FromSeconds(1)), maxRetries: 0);

        for (var i = 0; i < 25; i++)
        {
            await client.Flows.ListAsync(Ct);
        }

        Assert.Equal(0, client.Stats.RateLimited);
        Assert.Equal(25, client.Stats.Attempts);
    }

    [Fact]
    public async Task Cancellation_stopsRetryingAtOnce()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("latency:10s"));
        using var cts = new CancellationTokenSource();
        var client = factory.Create();

        var call = client.Flows.ListAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Theory]
    [InlineData(520)]
    [InlineData(521)]
    [InlineData(522)]
    [InlineData(524)]
    [InlineData(530)]
    public async Task GatewayStatus_once_isRetriedAndSucceeds(int status)
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse($"{status}@/v1/mgmt/flow/list#1"));
        var lines = new List<string>();
        var client = factory.Create(trace: lines.Add);

        var flows = await client.Flows.ListAsync(Ct);

        Assert.Empty(flows);
        Assert.Equal(1, client.Stats.Retries);
        Assert.Equal(2, client.Stats.Attempts);
        Assert.Contains(lines, l => l.StartsWith($"POST /v1/mgmt/flow/list -> {status}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backoff_repeatedFailures_eachWaitLongerThanTheLast()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("503@/v1/mgmt/flow/list*3"));
        var time = new DelaySkippingTimeProvider();
        var client = factory.Create(time: time, maxRetries: 3);

        await client.Flows.ListAsync(Ct);

        // Base 200 ms doubling per attempt, each scaled by a jitter factor in [0.75, 1.25).
        var delays = time.Delays;
        Assert.Equal(3, delays.Count);
        Assert.InRange(delays[0].TotalMilliseconds, 150, 250);
        Assert.InRange(delays[1].TotalMilliseconds, 300, 500);
        Assert.InRange(delays[2].TotalMilliseconds, 600, 1000);
        Assert.True(delays[0] < delays[1] && delays[1] < delays[2], string.Join(", ", delays));
    }

    [Fact]
    public async Task Backoff_sameFailureRepeated_waitsAreJittered()
    {
        await using var factory = await ClientFactory.StartAsync();
        var time = new DelaySkippingTimeProvider();
        var client = factory.Create(time: time);

        for (var run = 0; run < 8; run++)
        {
            factory.Host.Faults.Clear();
            factory.Host.Faults.Add(FaultSpec.Parse("503@/v1/mgmt/flow/list#1"));
            await client.Flows.ListAsync(Ct);
        }

        // Without jitter every first retry would wait exactly the base delay.
        Assert.Equal(8, time.Delays.Count);
        Assert.All(time.Delays, d => Assert.InRange(d.TotalMilliseconds, 150, 250));
        Assert.True(time.Delays.Distinct().Count() > 1, string.Join(", ", time.Delays));
    }

    [Fact]
    public async Task RequestTimeout_answerSlowerThanIt_failsWithTimeoutErrorAfterRetrying()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("latency:30s@/v1/mgmt/flow/list"));
        var client = factory.Create(time: TimeProvider.System, maxRetries: 1, requestTimeout: TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Flows.ListAsync(Ct));

        Assert.True(ex.IsConnectionFailure);
        Assert.Equal("Could not list flows: no complete answer within 0.3 s", ex.Message);
        // A read changes nothing, so its hint says to retry, never that a change may have been applied.
        Assert.Contains("run the command again", ex.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("may or may not", ex.Hint, StringComparison.Ordinal);
        Assert.Equal(2, client.Stats.Attempts);
    }

    [Fact]
    public async Task RequestTimeout_bodyStalledAfterHeaders_failsWithTimeoutError()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("stall:30s@/v1/mgmt/flow/list"));
        var lines = new List<string>();
        var client = factory.Create(time: TimeProvider.System, trace: lines.Add, maxRetries: 0, requestTimeout: TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Flows.ListAsync(Ct));

        // The headers (200) arrived in time; it is the body that never completed.
        Assert.Contains(lines, l => l.StartsWith("POST /v1/mgmt/flow/list -> 200", StringComparison.Ordinal));
        Assert.True(ex.IsConnectionFailure);
        Assert.Equal("Could not list flows: no complete answer within 0.3 s", ex.Message);
    }

    [Fact]
    public async Task TenantCreate_connectionDropped_isNotRetried()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("reset@/v1/mgmt/tenant/create"));
        var client = factory.Create();

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Tenants.CreateAsync(new TenantWrite { Id = "t1", Name = "T1" }, Ct));

        Assert.True(ex.IsConnectionFailure);
        Assert.Contains("create tenant 't1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("plan", ex.Hint, StringComparison.Ordinal);
        Assert.Equal(0, client.Stats.Retries);
        Assert.Equal(1, client.Stats.Attempts);
    }

    [Fact]
    public async Task TenantCreate_timedOut_isNotRetried()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("latency:30s@/v1/mgmt/tenant/create"));
        var client = factory.Create(time: TimeProvider.System, requestTimeout: TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Tenants.CreateAsync(new TenantWrite { Id = "t1", Name = "T1" }, Ct));

        Assert.True(ex.IsConnectionFailure);
        Assert.Equal(1, client.Stats.Attempts);
    }

    [Fact]
    public async Task TenantCreate_serviceUnavailable_isRetriedAndCreatesOnce()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("503@/v1/mgmt/tenant/create#1"));
        var client = factory.Create();

        var id = await client.Tenants.CreateAsync(new TenantWrite { Id = "t1", Name = "T1" }, Ct);

        Assert.Equal("t1", id);
        Assert.Equal(1, client.Stats.Retries);
        Assert.Single(await client.Tenants.LoadAllAsync(Ct), t => t.Id == "t1");
    }

    [Fact]
    public async Task TenantCreate_gatewayTimeout_isNotRetried_becauseTheServiceMayHaveCreatedIt()
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse("524@/v1/mgmt/tenant/create#1"));
        var client = factory.Create();

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Tenants.CreateAsync(new TenantWrite { Id = "t1", Name = "T1" }, Ct));

        Assert.Equal(524, ex.StatusCode);
        Assert.Equal(0, client.Stats.Retries);
    }

    [Fact]
    public async Task TenantCreate_connectionRefused_isRetried()
    {
        await using var factory = await ClientFactory.StartAsync();
        var closed = ClosedLoopbackUrl();
        var client = factory.Create(baseUrl: closed);

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Tenants.CreateAsync(new TenantWrite { Id = "t1", Name = "T1" }, Ct));

        // Nothing reached a server, so repeating the create cannot duplicate it.
        Assert.True(ex.IsConnectionFailure);
        Assert.Equal(3, client.Stats.Retries);
    }

    private static Uri ClosedLoopbackUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
