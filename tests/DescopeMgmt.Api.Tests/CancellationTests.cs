using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Emulator.Faults;
using Microsoft.Extensions.Time.Testing;

namespace DescopeMgmt.Api.Tests;

/// <summary>
/// Waits end at the first cancellation (a 60 s Retry-After, a backoff, the client's own rate limiter); a read
/// on the wire is abandoned at once; a change on the wire runs to its answer, and no new attempt starts.
/// The clock never moves: a wait that ignored the token would hang, not pass.
/// </summary>
public sealed class CancellationTests
{
    private static readonly TenantWrite SomeTenant = new() { Id = "t1", Name = "T1" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> WaitedOperations => ["/v1/mgmt/flow/list", "/v1/mgmt/tenant/update", "/v1/mgmt/tenant/create"];

    private static Task Run(DescopeClient client, string path, CancellationToken token) => path switch
    {
        "/v1/mgmt/flow/list" => client.Flows.ListAsync(token),
        "/v1/mgmt/tenant/update" => client.Tenants.UpdateAsync(SomeTenant, token),
        "/v1/mgmt/tenant/create" => client.Tenants.CreateAsync(SomeTenant, token),
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };

    [Theory]
    [MemberData(nameof(WaitedOperations))]
    public async Task AnyRequest_cancelledDuringA60sRateLimitWait_endsAtOnceWithoutAnotherAttempt(string path)
    {
        await using var factory = await ClientFactory.StartAsync();
        factory.Host.Faults.Add(FaultSpec.Parse($"429-noretryafter@{path}"));
        var time = new FakeTimeProvider();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = factory.Create(time: time, trace: line =>
        {
            if (line.StartsWith("retry", StringComparison.Ordinal))
            {
                waiting.TrySetResult();
            }
        });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var before = time.GetUtcNow();

        var request = Run(client, path, cts.Token);
        await waiting.Task.WaitAsync(Ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(before, time.GetUtcNow());
        Assert.Single(factory.Host.Requests.Snapshot(), r => r.Path == path);
    }

    [Fact]
    public async Task Write_cancelledWhileWaitingForTheClientRateLimiter_endsWithoutSending()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create(rateLimit: new RateLimitPolicy(1, TimeSpan.FromHours(1)));
        await client.Flows.ListAsync(Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var update = client.Tenants.UpdateAsync(SomeTenant, cts.Token);
        Assert.False(update.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAsync<WriteNotSentException>(() => update);
        Assert.DoesNotContain(factory.Host.Requests.Snapshot(), r => r.Path == "/v1/mgmt/tenant/update");
    }

    [Fact]
    public async Task Write_cancelledWhileOnTheWire_runsToItsAnswer()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = ScriptedHttpServer.Start(async (_, stream, ct) =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(ct);
            await ScriptedHttpServer.WriteAsync(stream, 200, """{"id":"t1"}"""u8.ToArray(), "application/json", ct);
        });
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var create = client.Tenants.CreateAsync(SomeTenant, cts.Token);
        await arrived.Task.WaitAsync(Ct);
        await cts.CancelAsync();
        release.SetResult();

        // The answer says the tenant was created; cancellation must not turn that into "unknown".
        Assert.Equal("t1", await create);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Read_cancelledWhileOnTheWire_isAbandonedAtOnce()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = ScriptedHttpServer.Start(async (_, _, ct) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var list = client.Flows.ListAsync(cts.Token);
        await arrived.Task.WaitAsync(Ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => list);
    }

    [Fact]
    public async Task Write_alreadyCancelled_isNeverSent()
    {
        await using var server = ScriptedHttpServer.Answering(200, "{}");
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Tenants.UpdateAsync(SomeTenant, new CancellationToken(canceled: true)));

        Assert.Empty(server.Requests);
    }
}
