namespace DescopeMgmt.Api.Tests;

/// <summary>What -v prints: method, path, status and time, never the query, the key or a base URL's credentials.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Trace_requestWithQuery_printsThePathOnly()
    {
        await using var factory = await ClientFactory.StartAsync();
        var lines = new List<string>();
        var client = factory.Create(trace: lines.Add);

        await Assert.ThrowsAsync<DescopeApiException>(() => client.Tenants.LoadAsync("t-query-value", TestContext.Current.CancellationToken));

        var line = Assert.Single(lines);
        Assert.StartsWith("GET /v1/mgmt/tenant -> 404", line, StringComparison.Ordinal);
        Assert.DoesNotContain("t-query-value", line, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientFactory.Key, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_baseUrlWithUserInfo_isRefusedBeforeAnyRequest()
    {
        await using var factory = await ClientFactory.StartAsync();
        var withCredentials = new UriBuilder(factory.Host.BaseUrl) { UserName = "user", Password = "s3cr3t-pass" }.Uri;

        var ex = Assert.Throws<DescopeConfigurationException>(() => factory.Create(baseUrl: withCredentials));

        Assert.DoesNotContain("s3cr3t-pass", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, factory.Host.Requests.Count);
    }
}
