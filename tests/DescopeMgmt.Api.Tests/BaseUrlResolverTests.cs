using DescopeMgmt.Api;
using DescopeMgmt.Api.Http;

namespace DescopeMgmt.Api.Tests;

public sealed class BaseUrlResolverTests
{
    [Fact]
    public void Resolve_shortProjectId_usesDefaultHost() =>
        Assert.Equal("https://api.descope.com/", BaseUrlResolver.Resolve("P2abc", null).ToString());

    [Fact]
    public void Resolve_projectIdOf32Chars_usesRegionalHostFromCharacters1To4()
    {
        var projectId = "Puse1" + new string('x', 27);
        Assert.Equal("https://api.use1.descope.com/", BaseUrlResolver.Resolve(projectId, null).ToString());
    }

    [Fact]
    public void Resolve_explicitBaseUrl_winsOverRegion()
    {
        var projectId = "Puse1" + new string('x', 27);
        Assert.Equal("https://api.example.test/", BaseUrlResolver.Resolve(projectId, new Uri("https://api.example.test/")).ToString());
    }

    [Fact]
    public void Resolve_plainHttpToRemoteHost_isRefused()
    {
        var ex = Assert.Throws<DescopeConfigurationException>(() => BaseUrlResolver.Resolve("P2abc", new Uri("http://api.example.test")));
        Assert.Contains("clear", ex.Message, StringComparison.Ordinal);
        Assert.Contains("https", ex.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://[::1]:8080")]
    public void Resolve_plainHttpToLoopback_isAllowed(string url) =>
        Assert.Equal(new Uri(url).Port, BaseUrlResolver.Resolve("P2abc", new Uri(url)).Port);

    [Theory]
    [InlineData("500/10s", 500, 10_000)]
    [InlineData("100/60", 100, 60_000)]
    [InlineData("20/500ms", 20, 500)]
    [InlineData("5/1m", 5, 60_000)]
    public void RateLimitPolicyParse_validText_givesPermitsAndWindow(string text, int permits, int windowMs)
    {
        var policy = RateLimitPolicy.Parse(text);
        Assert.Equal(permits, policy.Permits);
        Assert.Equal(TimeSpan.FromMilliseconds(windowMs), policy.Window);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0/10s")]
    [InlineData("10/abc")]
    public void RateLimitPolicyParse_invalidText_throwsFormatException(string text) =>
        Assert.Throws<FormatException>(() => RateLimitPolicy.Parse(text));

    [Theory]
    [InlineData("https://user:s3cr3t-pass@api.example.test")]
    [InlineData("https://s3cr3t-pass@api.example.test/")]
    [InlineData("http://user:s3cr3t-pass@127.0.0.1:8080")]
    public void Resolve_baseUrlWithUserInfo_isRefusedWithoutPrintingIt(string url)
    {
        var ex = Assert.Throws<DescopeConfigurationException>(() => BaseUrlResolver.Resolve("P2abc", new Uri(url)));
        Assert.Contains("user name or password", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pass", ex.Message + ex.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.example.test/?token=s3cr3t-pass")]
    [InlineData("https://api.example.test/#s3cr3t-pass")]
    public void Resolve_baseUrlWithQueryOrFragment_isRefusedWithoutPrintingIt(string url)
    {
        var ex = Assert.Throws<DescopeConfigurationException>(() => BaseUrlResolver.Resolve("P2abc", new Uri(url)));
        Assert.Contains("query or fragment", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pass", ex.Message + ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_nonHttpUrlWithUserInfo_isRefusedWithoutPrintingIt()
    {
        var ex = Assert.Throws<DescopeConfigurationException>(() => BaseUrlResolver.Resolve("P2abc", new Uri("ftp://user:s3cr3t-pass@api.example.test")));
        Assert.DoesNotContain("s3cr3t-pass", ex.Message, StringComparison.Ordinal);
    }
}
