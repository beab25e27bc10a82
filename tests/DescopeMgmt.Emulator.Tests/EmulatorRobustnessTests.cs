using System.Text.Json.Nodes;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Emulator.Tests;

/// <summary>What keeps a long-running or embedded emulator safe: its own signals, memory, state files and inputs.</summary>
public sealed class EmulatorRobustnessTests
{
    private const string Key = "K2EmulatorRobustKey";
    private const string Project = "P2EmulatorRobust";

    private static Task<EmulatorHost> StartAsync(string? dataDir = null, bool seed = false) =>
        EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key, DataDir = dataDir, SeedSample = seed }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Start_installsNoConsoleLifetime_soSignalsStayWithTheEmbeddingProcess()
    {
        await using var host = await StartAsync();

        Assert.IsType<EmulatorHost.PassiveHostLifetime>(host.Lifetime);
    }

    [Fact]
    public async Task RequestLog_manyLargeBodies_retainsBoundedBytes_andKeepsTheRecentRequests()
    {
        await using var host = await StartAsync();
        using var api = new RawApi(host.BaseUrl, Project, Key);
        var large = new JsonObject { ["pad"] = new string('x', 200 * 1024) }.ToJsonString();
        const int count = 300;

        for (var i = 0; i < count; i++)
        {
            await api.PostAsync("/v1/mgmt/flow/list", large);
        }

        await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"last","name":"Last"}""");

        Assert.Equal(count + 1, host.Requests.Total);
        Assert.True(host.Requests.RetainedBodyChars <= RequestLog.DefaultMaxRetainedBodyChars, $"{host.Requests.RetainedBodyChars} characters retained");
        var log = host.Requests.Snapshot();
        Assert.True(log.Count < count, "the oldest requests were dropped");
        Assert.Equal("""{"id":"last","name":"Last"}""", log[^1].Body);
        Assert.False(log[^1].BodyTruncated);
        var truncated = log[^2];
        Assert.True(truncated.BodyTruncated);
        Assert.Equal(large.Length, truncated.BodyLength);
        Assert.Equal(RequestLog.MaxBodyChars, truncated.Body.Length);
    }

    [Fact]
    public async Task Start_withCorruptProjectFile_reportsTheFileMovedAside_andThatTheSampleWasReseeded()
    {
        using var temp = new TempDirectory();
        var projects = Directory.CreateDirectory(Path.Combine(temp.Path, "projects")).FullName;
        var corrupt = Path.Combine(projects, EmulatorDefaults.SampleProjectId + ".json");
        await File.WriteAllTextAsync(corrupt, "not json", TestContext.Current.CancellationToken);

        await using var host = await StartAsync(temp.Path, seed: true);

        var aside = Assert.Single(Directory.GetFiles(projects, EmulatorDefaults.SampleProjectId + ".json.corrupt-*"));
        var warning = Assert.Single(host.StartupWarnings);
        Assert.Contains(corrupt, warning, StringComparison.Ordinal);
        Assert.Contains(aside, warning, StringComparison.Ordinal);
        Assert.Contains("reseeded with the sample data", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    [InlineData("""{"flows": [1]}""")]
    [InlineData("""{"flows": {"f1": 42}}""")]
    [InlineData("""{"tenants": {"t1": "x"}}""")]
    [InlineData("""{"theme": "dark"}""")]
    public async Task Start_withProjectFileOfTheWrongShape_movesItAside_neverReadsItAsEmpty(string content)
    {
        using var temp = new TempDirectory();
        var projects = Directory.CreateDirectory(Path.Combine(temp.Path, "projects")).FullName;
        await File.WriteAllTextAsync(Path.Combine(projects, Project + ".json"), content, TestContext.Current.CancellationToken);

        await using var host = await StartAsync(temp.Path);

        var aside = Assert.Single(Directory.GetFiles(projects, Project + ".json.corrupt-*"));
        Assert.Equal(content, await File.ReadAllTextAsync(aside, TestContext.Current.CancellationToken));
        Assert.Contains("starts empty", Assert.Single(host.StartupWarnings), StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> MalformedSnapshots => new()
    {
        { """{"flows/x/contents.json": "not-an-object"}""", ["flows/x/contents.json: expected a JSON object, got a string", "flows/x/metadata.json: missing"] },
        { """{"flows/x/metadata.json": {}, "flows/x/contents.json": [1]}""", ["flows/x/contents.json: expected a JSON object, got an array"] },
        { """{"themes/theme.json": null}""", ["themes/theme.json: expected a JSON object, got null"] },
        { """{"project.json": 42}""", ["project.json: expected a JSON object, got a number"] },
        { """{"flows/x/metadata.json": {"screens": ["s1"]}, "flows/x/contents.json": {}}""", ["flows/x/screen-s1.json: missing"] },
        { """{"flows/x/metadata.json": {"screens": "s1"}, "flows/x/contents.json": {}}""", ["flows/x/metadata.json: \"screens\" must be an array of screen IDs"] },
        { """{"flows/x/metadata.json": {}, "flows/x/contents.json": {}, "flows/x/screen-s9.json": {}}""", ["flows/x/screen-s9.json: not listed in flows/x/metadata.json \"screens\""] },
        { """{"flows/x/metadata.json": {}, "flows/x/contents.json": {}, "flows/x/notes.json": {}}""", ["flows/x/notes.json: not a flow file (expected metadata.json, contents.json or screen-<screenId>.json)"] },
        { """{"../escape.json": {}}""", ["../escape.json: not a valid relative file path"] },
        { """{"styles/logo.png": {"a": 1}}""", ["styles/logo.png: expected a string, got an object"] },
        { """{"styles/logo.png": "%%%"}""", ["styles/logo.png: expected base64 content"] },
        { """{"data.bin": "AA=="}""", ["data.bin: unsupported file type '.bin'"] },
    };

    [Theory]
    [MemberData(nameof(MalformedSnapshots))]
    public async Task SnapshotValidate_malformedFiles_reportsEachFailure(string files, string[] expected)
    {
        await using var host = await StartAsync();
        using var api = new RawApi(host.BaseUrl, Project, Key);

        var (status, body, _) = await api.PostAsync("/v1/mgmt/project/snapshot/validate", $$"""{"files": {{files}}}""");

        Assert.Equal(200, status);
        Assert.False(body!["ok"]!.GetValue<bool>());
        Assert.Equal(expected.Order(StringComparer.Ordinal), body["failures"]!.AsArray().Select(f => f!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MalformedSnapshots))]
    public async Task SnapshotImport_malformedFiles_isRefused_andStoresNothing(string files, string[] expected)
    {
        await using var host = await StartAsync();
        using var api = new RawApi(host.BaseUrl, Project, Key);
        var good = """{"flows/good/metadata.json": {"name": "Good"}, "flows/good/contents.json": {}, """;

        var (status, body, _) = await api.PostAsync("/v1/mgmt/project/snapshot/import", $$"""{"files": {{good}}{{files[1..]}}}""");

        Assert.Equal(400, status);
        Assert.Equal("E011003", body!["errorCode"]!.GetValue<string>());
        Assert.Contains(expected[0], body["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await api.PostAsync("/v1/mgmt/flow/list", "{}")).Body!["total"]!.GetValue<int>());
        Assert.Empty((await api.PostAsync("/v2/mgmt/theme/export", "{}")).Body!["theme"]!.AsObject());
    }

    [Fact]
    public async Task SnapshotValidate_anExportedSnapshot_isOk()
    {
        await using var host = await StartAsync(seed: true);
        using var api = new RawApi(host.BaseUrl, EmulatorDefaults.SampleProjectId, Key);
        var files = (await api.PostAsync("/v1/mgmt/project/snapshot/export", "{}")).Body!["files"]!;

        var (status, body, _) = await api.PostAsync("/v1/mgmt/project/snapshot/validate", new JsonObject { ["files"] = files.DeepClone() }.ToJsonString());

        Assert.Equal(200, status);
        Assert.Empty(body!["failures"]!.AsArray());
        Assert.True(body["ok"]!.GetValue<bool>());
    }
}
