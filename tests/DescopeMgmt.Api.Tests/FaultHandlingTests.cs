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
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.SetRateLimit(new RateLimitSpec(1, TimeSpan.FromSeconds(30)));
        var time = new DelaySkippingTimeProvider(TimeSpan.FromMinutes(5));
        var client = factory.Create(time: time, maxRetries: 1);
        await client.Flows.ListAsync(Ct);

        // The window is spent: the answer is 429 with Retry-After of the window's remaining seconds.
        // The skipped wait is recorded; the retry then meets the same window and fails, proving one wait per 429.
        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Flows.ListAsync(Ct));

        Assert.True(ex.IsRateLimited);
        Assert.Equal("E130429", ex.ErrorCode);
        var wait = Assert.Single(time.Delays);
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
        factory.Host.Faults.Add(FaultSpec.Parse("429@/v1/mgmt/flow/list#1"));
        var time = new DelaySkippingTimeProvider();
        var client = new DescopeClient(new DescopeClientOptions
        {
            ProjectId = ClientFactory.ProjectId,
            ManagementKey = ClientFactory.Key,
            BaseUrl = factory.Host.BaseUrl,
            TimeProvider = time,
            DefaultRetryAfter = TimeSpan.FromSeconds(60),
            RequestTimeout = TimeSpan.FromMinutes(10),
        });

        await client.Flows.ListAsync(Ct);
        client.Dispose();

        // The injected 429 carries Retry-After: 1, so the default applies only when it is absent;
        // the wait recorded is the server's, never more than the default.
        Assert.All(time.Delays, d => Assert.True(d <= TimeSpan.FromSeconds(60)));
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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, Ct);
        }
    }
}
