using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.Faults;
using DescopeMgmt.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DescopeMgmt.Emulator.Tests;

public sealed class EmulatorBehaviourTests
{
    private const string Key = "K2EmulatorTestKey";
    private const string Project = "P2EmulatorTest";

    private static Task<EmulatorHost> StartAsync(string? dataDir = null, bool seed = false) =>
        EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key, DataDir = dataDir, SeedSample = seed }, TestContext.Current.CancellationToken);

    private static RawApi Api(EmulatorHost host, string? key = Key, string project = Project) => new(host.BaseUrl, project, key);

    private const string Flow = """{"flow":{"flowId":"f1","metadata":{"name":"F1","x-unknown":{"a":1}},"contents":{"startTask":"1","tasks":{"1":{"id":"1"}}},"screens":[{"screenId":"s1","contents":{"k":"v"}}]}}""";

    [Fact]
    public async Task AnyCall_withoutBearer_is401WithErrorBody()
    {
        await using var host = await StartAsync();
        using var api = Api(host, key: null);

        var (status, body, _) = await api.PostAsync("/v1/mgmt/flow/list", "{}");

        Assert.Equal(401, status);
        Assert.False(string.IsNullOrEmpty(body!["errorCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnyCall_withWrongKey_is401()
    {
        await using var host = await StartAsync();
        using var api = Api(host, key: "K-wrong");

        Assert.Equal(401, (await api.PostAsync("/v1/mgmt/flow/list", "{}")).Status);
    }

    [Fact]
    public async Task FlowList_withEmptyBody_isAccepted()
    {
        await using var host = await StartAsync();
        using var api = Api(host);

        var (status, body, _) = await api.PostAsync("/v1/mgmt/flow/list", null);

        Assert.Equal(200, status);
        Assert.Equal(0, body!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task MalformedJson_is400E011001()
    {
        await using var host = await StartAsync();
        using var api = Api(host);

        var (status, body, _) = await api.PostAsync("/v2/mgmt/flow/import", "{not json");

        Assert.Equal(400, status);
        Assert.Equal("E011001", body!["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExportUnknownFlow_is500E103003_likeTheRealService()
    {
        await using var host = await StartAsync();
        using var api = Api(host);

        var (status, body, _) = await api.PostAsync("/v2/mgmt/flow/export", """{"flowId":"nope"}""");

        Assert.Equal(500, status);
        Assert.Equal("E103003", body!["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportV2_keepsUnknownFields_andBumpsVersionEachTime()
    {
        await using var host = await StartAsync();
        using var api = Api(host);

        await api.PostAsync("/v2/mgmt/flow/import", Flow);
        var first = (await api.PostAsync("/v2/mgmt/flow/export", """{"flowId":"f1"}""")).Body!["flow"]!;
        await api.PostAsync("/v2/mgmt/flow/import", Flow);
        var second = (await api.PostAsync("/v2/mgmt/flow/export", """{"flowId":"f1"}""")).Body!["flow"]!;

        Assert.Equal(1, first["metadata"]!["x-unknown"]!["a"]!.GetValue<int>());
        Assert.Equal(1, first["metadata"]!["version"]!.GetValue<int>());
        Assert.Equal(2, second["metadata"]!["version"]!.GetValue<int>());
        Assert.NotEqual(first["metadata"]!["etag"]!.GetValue<string>(), second["metadata"]!["etag"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExportV1_ofV2Flow_followsTheMappingTable()
    {
        await using var host = await StartAsync();
        using var api = Api(host);
        await api.PostAsync("/v2/mgmt/flow/import", Flow);

        var v1 = (await api.PostAsync("/v1/mgmt/flow/export", """{"flowId":"f1"}""")).Body!;

        Assert.Equal("f1", v1["flow"]!["id"]!.GetValue<string>());
        Assert.Equal("F1", v1["flow"]!["name"]!.GetValue<string>());
        Assert.Equal("1", v1["flow"]!["dsl"]!["startTask"]!.GetValue<string>());
        Assert.Equal("s1", v1["screens"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("v", v1["screens"]![0]!["htmlTemplate"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task Projects_areKeptApart()
    {
        await using var host = await StartAsync();
        using var a = Api(host, project: "P2a");
        using var b = Api(host, project: "P2b");

        await a.PostAsync("/v2/mgmt/flow/import", Flow);

        Assert.Equal(1, (await a.PostAsync("/v1/mgmt/flow/list", "{}")).Body!["total"]!.GetValue<int>());
        Assert.Equal(0, (await b.PostAsync("/v1/mgmt/flow/list", "{}")).Body!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task State_survivesRestart_withSameDataDir()
    {
        using var temp = new TempDirectory();
        await using (var host = await StartAsync(temp.Path))
        {
            using var api = Api(host);
            await api.PostAsync("/v2/mgmt/flow/import", Flow);
            await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"t1","name":"T1"}""");
        }

        await using var restarted = await StartAsync(temp.Path);
        using var again = Api(restarted);
        Assert.Equal(200, (await again.PostAsync("/v2/mgmt/flow/export", """{"flowId":"f1"}""")).Status);
        Assert.Equal("T1", (await again.GetAsync("/v1/mgmt/tenant?id=t1")).Body!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task LeftoverTempFileFromKilledWrite_doesNotBreakLoading()
    {
        using var temp = new TempDirectory();
        await using (var host = await StartAsync(temp.Path))
        {
            using var api = Api(host);
            await api.PostAsync("/v2/mgmt/flow/import", Flow);
        }

        // A process killed mid-write leaves only its temporary file; the real file is still whole.
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "projects", $".{Project}.json.deadbeef.tmp"), "{\"flows\":{\"f1\":", TestContext.Current.CancellationToken);

        await using var restarted = await StartAsync(temp.Path);
        using var again = Api(restarted);
        Assert.Equal(200, (await again.PostAsync("/v2/mgmt/flow/export", """{"flowId":"f1"}""")).Status);
    }

    [Fact]
    public async Task TenantLoad_isUnwrapped_andListsAreWrapped_withSuccessors()
    {
        await using var host = await StartAsync();
        using var api = Api(host);
        await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"p","name":"Parent"}""");
        await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"c","name":"Child","parent":"p"}""");

        var parent = (await api.GetAsync("/v1/mgmt/tenant?id=p")).Body!;
        var all = (await api.GetAsync("/v1/mgmt/tenant/all")).Body!;

        Assert.Equal("Parent", parent["name"]!.GetValue<string>());
        Assert.Equal("c", parent["successors"]![0]!.GetValue<string>());
        Assert.Equal(2, all["tenants"]!.AsArray().Count);
    }

    [Fact]
    public async Task TenantCreate_duplicateNameOrMissingParent_is400()
    {
        await using var host = await StartAsync();
        using var api = Api(host);
        await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"a","name":"Same"}""");

        Assert.Equal(400, (await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"b","name":"Same"}""")).Status);
        Assert.Equal(400, (await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"c","name":"C","parent":"ghost"}""")).Status);
        Assert.Equal(400, (await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"d"}""")).Status);
    }

    [Fact]
    public async Task TenantDelete_withSubTenants_isRefused()
    {
        await using var host = await StartAsync();
        using var api = Api(host);
        await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"p","name":"Parent"}""");
        await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"c","name":"Child","parent":"p"}""");

        Assert.Equal(400, (await api.PostAsync("/v1/mgmt/tenant/delete", """{"id":"p"}""")).Status);
    }

    [Fact]
    public async Task RateLimit_answers429WithRetryAfterAndE130429()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key, RateLimit = RateLimitSpec.Parse("2/60s") }, TestContext.Current.CancellationToken);
        using var api = Api(host);

        await api.PostAsync("/v1/mgmt/flow/list", "{}");
        await api.PostAsync("/v1/mgmt/flow/list", "{}");
        var (status, body, response) = await api.PostAsync("/v1/mgmt/flow/list", "{}");

        Assert.Equal(429, status);
        Assert.Equal("E130429", body!["errorCode"]!.GetValue<string>());
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task ResetFault_dropsTheConnection()
    {
        await using var host = await StartAsync();
        host.Faults.Add(FaultSpec.Parse("reset@/v1/mgmt/flow/list"));
        using var api = Api(host);

        await Assert.ThrowsAsync<HttpRequestException>(() => api.PostAsync("/v1/mgmt/flow/list", "{}"));
    }

    [Fact]
    public async Task NthFault_failsOnlyThatMatchingRequest()
    {
        await using var host = await StartAsync();
        host.Faults.Add(FaultSpec.Parse("503@/v1/mgmt/flow/list#2"));
        using var api = Api(host);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await api.PostAsync("/v1/mgmt/flow/list", "{}")).Status);
        }

        Assert.Equal([200, 503, 200], statuses);
    }

    [Fact]
    public async Task BodyFault_failsOnlyRequestsNamingThatItem()
    {
        await using var host = await StartAsync();
        host.Faults.Add(FaultSpec.Parse("500@/v2/mgmt/flow/import~\"f2\""));
        using var api = Api(host);

        Assert.Equal(200, (await api.PostAsync("/v2/mgmt/flow/import", Flow)).Status);
        Assert.Equal(500, (await api.PostAsync("/v2/mgmt/flow/import", Flow.Replace("\"f1\"", "\"f2\"", StringComparison.Ordinal))).Status);
    }

    [Fact]
    public async Task RequestLog_recordsEveryRequest_withoutTheKey()
    {
        await using var host = await StartAsync();
        using var api = Api(host);

        await api.PostAsync("/v2/mgmt/flow/import", Flow);
        await api.PostAsync("/v2/mgmt/flow/export", """{"flowId":"nope"}""");

        var log = host.Requests.Snapshot();
        Assert.Equal(["/v2/mgmt/flow/import", "/v2/mgmt/flow/export"], log.Select(r => r.Path));
        Assert.Equal([200, 500], log.Select(r => r.StatusCode));
        Assert.All(log, r => Assert.Equal(Project, r.ProjectId));
        Assert.DoesNotContain(log, r => r.Body.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeedSample_loadsFlowsThemeAndTenants()
    {
        await using var host = await StartAsync(seed: true);
        using var api = Api(host, project: EmulatorDefaults.SampleProjectId);

        var flows = (await api.PostAsync("/v1/mgmt/flow/list", "{}")).Body!;
        var theme = (await api.PostAsync("/v2/mgmt/theme/export", "{}")).Body!;
        var tenants = (await api.GetAsync("/v1/mgmt/tenant/all")).Body!;

        Assert.True(flows["total"]!.GetValue<int>() >= 5);
        Assert.NotNull(theme["theme"]!["styles"]!["dark"]);
        Assert.True(tenants["tenants"]!.AsArray().Count >= 10);
    }

    [Fact]
    public async Task SnapshotExportThenImport_roundTripsFlowsExactly()
    {
        await using var host = await StartAsync(seed: true);
        using var api = Api(host, project: EmulatorDefaults.SampleProjectId);
        var before = (await api.PostAsync("/v2/mgmt/flow/export", """{"flowId":"sign-up-or-in"}""")).Body!["flow"]!;

        var files = (await api.PostAsync("/v1/mgmt/project/snapshot/export", "{}")).Body!["files"]!;
        using var other = Api(host, project: "P2copy");
        var import = await other.PostAsync("/v1/mgmt/project/snapshot/import", new JsonObject { ["files"] = files.DeepClone() }.ToJsonString());
        var after = (await other.PostAsync("/v2/mgmt/flow/export", """{"flowId":"sign-up-or-in"}""")).Body!["flow"]!;

        Assert.Equal(200, import.Status);
        Assert.True(JsonNode.DeepEquals(before["contents"], after["contents"]));
        Assert.True(JsonNode.DeepEquals(before["screens"], after["screens"]));
    }

    [Theory]
    [InlineData("503:0.2", FaultKind.Status, 503)]
    [InlineData("reset:0.1", FaultKind.Reset, 0)]
    [InlineData("latency:300ms", FaultKind.Latency, 0)]
    [InlineData("500@/v2/mgmt/flow/import#3", FaultKind.Status, 500)]
    [InlineData("429-noretryafter#1", FaultKind.Status, 429)]
    [InlineData("stall:2s@/v1/mgmt/flow/list", FaultKind.Stall, 0)]
    public void FaultSpecParse_documentedForms_parse(string text, FaultKind kind, int status)
    {
        var spec = FaultSpec.Parse(text);

        Assert.Equal(kind, spec.Kind);
        Assert.Equal(status, spec.StatusCode);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("200")]
    [InlineData("000")]
    [InlineData("latency:99999999999d")]
    public void FaultSpecParse_notAnErrorStatusOrAHugeDelay_isRefused(string text) =>
        Assert.Throws<FormatException>(() => FaultSpec.Parse(text));

    [Fact]
    public void FaultSpecParse_pathEndingInDollar_matchesThatPathOnly()
    {
        var injector = new FaultInjector([FaultSpec.Parse("500@/v1/mgmt/tenant$")], seed: 1);

        Assert.NotNull(injector.Decide("/v1/mgmt/tenant", "").Failure);
        Assert.Null(injector.Decide("/v1/mgmt/tenant/update", "").Failure);
    }

    [Theory]
    [InlineData("429", false)]
    [InlineData("429-noretryafter", true)]
    [InlineData("503", false)]
    public void FaultSpecParse_429Forms_sayWhetherRetryAfterIsOmitted(string text, bool omitted) =>
        Assert.Equal(omitted, FaultSpec.Parse(text).OmitRetryAfter);

    [Theory]
    [InlineData("429@/v1/mgmt/flow/list", "1")]
    [InlineData("429-noretryafter@/v1/mgmt/flow/list", null)]
    public async Task RateLimitFault_answers429_withRetryAfterUnlessOmitted(string fault, string? retryAfter)
    {
        await using var host = await StartAsync();
        host.Faults.Add(FaultSpec.Parse(fault));
        using var api = Api(host);

        var (status, body, response) = await api.PostAsync("/v1/mgmt/flow/list", "{}");

        Assert.Equal(429, status);
        Assert.Equal("E130429", body!["errorCode"]!.GetValue<string>());
        Assert.Equal(retryAfter, response.Headers.TryGetValues("Retry-After", out var values) ? Assert.Single(values) : null);
    }

    [Fact]
    public async Task StallFault_sendsHeadersAndFirstByte_thenHoldsTheRestUntilThePauseEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        await using var host = await EmulatorHost.StartAsync(
            new EmulatorOptions { ManagementKey = Key, TimeProvider = time, Faults = [FaultSpec.Parse("stall:5s@/v1/mgmt/flow/list")] }, ct);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/mgmt/flow/list") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"{Project}:{Key}");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var stream = await response.Content.ReadAsStreamAsync(ct);
        var first = new byte[1];
        await stream.ReadExactlyAsync(first, ct);
        using var reader = new StreamReader(stream);
        var rest = reader.ReadToEndAsync(ct);
        await Task.WhenAny(rest, Task.Delay(200, ct));
        var heldWhileTheClockStood = !rest.IsCompleted;

        // The emulator may not have started its pause yet when the clock first moves: keep moving it.
        while (!rest.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(rest, Task.Delay(20, ct));
        }

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal((byte)'{', first[0]);
        Assert.True(heldWhileTheClockStood);
        Assert.NotNull(JsonNode.Parse("{" + await rest)!["flows"]);
    }

    [Theory]
    [InlineData("boom")]
    [InlineData("503:2")]
    [InlineData("latency")]
    public void FaultSpecParse_badText_throwsFormatException(string text) =>
        Assert.Throws<FormatException>(() => FaultSpec.Parse(text));
}
