using System.Text.Json.Nodes;

namespace DescopeMgmt.Api.Tests;

public sealed class FlowsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportThenExport_v2_preservesUnknownFields()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        await client.Flows.ImportAsync("sign-in", SampleDocuments.Flow("sign-in"), Ct);
        var exported = await client.Flows.ExportAsync("sign-in", Ct);

        Assert.Equal("sign-in", exported["flowId"]!.GetValue<string>());
        Assert.Equal(7, exported["metadata"]!["futureMetadata"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(SampleDocuments.Flow("sign-in")["unknownTopLevel"], exported["unknownTopLevel"]));
        Assert.True(JsonNode.DeepEquals(SampleDocuments.Flow("sign-in")["contents"], exported["contents"]));
    }

    [Fact]
    public async Task Import_withOtherFlowIdArgument_storesUnderTheArgument()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        await client.Flows.ImportAsync("copy", SampleDocuments.Flow("original"), Ct);

        var list = await client.Flows.ListAsync(Ct);
        Assert.Contains(list, f => f.Id == "copy");
        Assert.DoesNotContain(list, f => f.Id == "original");
    }

    [Fact]
    public async Task List_afterImports_returnsIdsNamesAndState()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Flows.ImportAsync("a", SampleDocuments.Flow("a", "Flow A"), Ct);
        await client.Flows.ImportAsync("b", SampleDocuments.Flow("b", "Flow B"), Ct);

        var list = await client.Flows.ListAsync(Ct);

        Assert.Equal(["a", "b"], list.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.Equal("Flow A", list.Single(f => f.Id == "a").Name);
    }

    [Fact]
    public async Task Delete_removesTheFlow()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Flows.ImportAsync("a", SampleDocuments.Flow("a"), Ct);

        await client.Flows.DeleteAsync(["a"], Ct);

        Assert.Empty(await client.Flows.ListAsync(Ct));
    }

    [Fact]
    public async Task Export_unknownFlow_isNotFoundWithHint()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Flows.ExportAsync("missing", Ct));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("E103003", ex.ErrorCode);
        Assert.True(ex.IsNotFound);
        Assert.Contains("flow list", ex.Hint, StringComparison.Ordinal);
        Assert.Contains("export flow 'missing'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportV1_ofV2ImportedFlow_mapsFieldsByTheConversionTable()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Flows.ImportAsync("sign-in", SampleDocuments.Flow("sign-in"), Ct);

        var v1 = await client.Flows.ExportV1Async("sign-in", Ct);

        Assert.Equal("sign-in", v1.Flow!["id"]!.GetValue<string>());
        Assert.Equal("Sign in", v1.Flow["name"]!.GetValue<string>());
        Assert.Equal("1", v1.Flow["dsl"]!["startTask"]!.GetValue<string>());
        Assert.Equal("welcome", v1.Screens![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportV1_thenExportV2_givesTheV2Shape()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        var v1 = new Flows.FlowV1Document
        {
            Flow = JsonNode.Parse("""{"id":"legacy","name":"Legacy","dsl":{"startTask":"0","tasks":{"0":{"id":"0"}}}}""")!.AsObject(),
            Screens = [],
        };

        await client.Flows.ImportV1Async("legacy", v1, Ct);
        var v2 = await client.Flows.ExportAsync("legacy", Ct);

        Assert.Equal("Legacy", v2["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("0", v2["contents"]!["startTask"]!.GetValue<string>());
    }
}
