using DescopeMgmt.Core.Flows;

namespace DescopeMgmt.Core.Tests.Flows;

public sealed class FlowFileReaderTests
{
    private const string V2 = """
        {"flowId":"sign-in","metadata":{"name":"Sign in"},"contents":{"startTask":"1","tasks":{"1":{"id":"1"}}},"screens":[]}
        """;

    [Fact]
    public void Parse_v2File_takesFlowIdFromFile()
    {
        var file = FlowFileReader.Parse(V2, "sign-in.json", null);

        Assert.Equal("sign-in", file.FlowId);
        Assert.Equal("v2", file.SourceFormat);
        Assert.Equal("Sign in", file.Flow["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_flowIdOption_winsOverTheFile()
    {
        var file = FlowFileReader.Parse(V2, "sign-in.json", "other");

        Assert.Equal("other", file.FlowId);
        Assert.Equal("other", file.Flow["flowId"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_rawApiAnswer_unwrapsFlow()
    {
        var file = FlowFileReader.Parse($$"""{"flow":{{V2}}}""", "answer.json", null);

        Assert.Equal("sign-in", file.FlowId);
        Assert.Equal("v2 (API answer)", file.SourceFormat);
    }

    [Fact]
    public void Parse_v1ConsoleExport_convertsToV2AndTakesIdFromFlowId()
    {
        const string v1 = """
            {"flow":{"id":"legacy","name":"Legacy","description":"d","disabled":true,"translate":true,"dsl":{"startTask":"0","tasks":{"0":{"id":"0"}}}},
             "screens":[{"id":"s1","flowId":"legacy","htmlTemplate":{"type":"container"},"interactions":[{"id":"go"}],"componentsVersion":"1.2.3"}]}
            """;

        var file = FlowFileReader.Parse(v1, "legacy.json", null);

        Assert.Equal("legacy", file.FlowId);
        Assert.Equal("v1", file.SourceFormat);
        Assert.True(file.Flow["metadata"]!["disabled"]!.GetValue<bool>());
        Assert.True(file.Flow["metadata"]!["translation"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("1.2.3", file.Flow["metadata"]!["componentsVersion"]!.GetValue<string>());
        Assert.Equal("0", file.Flow["contents"]!["startTask"]!.GetValue<string>());
        Assert.Equal("s1", file.Flow["screens"]![0]!["screenId"]!.GetValue<string>());
        Assert.Equal("container", file.Flow["screens"]![0]!["contents"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_apiErrorBody_isRejectedNamingTheFile()
    {
        var ex = Assert.Throws<UserError>(() => FlowFileReader.Parse("""{"errorCode":"E103003","errorDescription":"Failed getting flow"}""", "flows/x.json", null));

        Assert.Contains("flows/x.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("API error response", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_invalidJson_reportsFileLineAndColumn()
    {
        var ex = Assert.Throws<UserError>(() => FlowFileReader.Parse("{\n  \"flowId\": \"a\",\n  oops\n}", "flows/a.json", null));

        Assert.StartsWith("flows/a.json:3:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_duplicatedKeyFromMerge_isRejected()
    {
        const string broken = """
            {"flowId":"a","contents":{"startTask":"1","tasks":{}},"screens":[{"screenId":"s1","screenId":"s1","contents":{}}]}
            """;

        var ex = Assert.Throws<UserError>(() => FlowFileReader.Parse(broken, "flows/a.json", null));

        Assert.Contains("flows/a.json", ex.Message, StringComparison.Ordinal);
        Assert.Equal("invalid_json", ex.Code);
    }

    [Fact]
    public void Parse_noIdAnywhere_asksForFlowIdOption()
    {
        var ex = Assert.Throws<UserError>(() => FlowFileReader.Parse("""{"metadata":{"name":"x"},"contents":{}}""", "x.json", null));

        Assert.Contains("--flow-id", ex.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Parse_unsafeFlowId_isRejected(string id)
    {
        Assert.Throws<UserError>(() => FlowFileReader.Parse(V2, "x.json", id == "" ? "-bad" : id));
    }
}
