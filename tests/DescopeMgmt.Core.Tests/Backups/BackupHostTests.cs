using DescopeMgmt.Core.Backups;
using Xunit;

namespace DescopeMgmt.Core.Tests.Backups;

public sealed class BackupHostTests
{
    [Fact]
    public void For_embeddedEmulator_isLocal() =>
        Assert.Equal("local", BackupHost.For("P2abc", null, embedded: true));

    [Theory]
    [InlineData("http://127.0.0.1:5123")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://[::1]:9000")]
    [InlineData("https://127.0.0.2")]
    public void For_loopbackBaseUrl_isLocal(string url) =>
        Assert.Equal("local", BackupHost.For("P2abc", new Uri(url), embedded: false));

    [Fact]
    public void For_realBaseUrl_isTheLowerCaseHostWithoutUserinfoOrPath() =>
        Assert.Equal("api.descope.com", BackupHost.For("P2abc", new Uri("https://user:secret@API.Descope.COM/v1/x"), embedded: false));

    [Fact]
    public void For_nonDefaultPort_keepsThePort() =>
        Assert.Equal("proxy.example.com:8443", BackupHost.For("P2abc", new Uri("https://proxy.example.com:8443"), embedded: false));

    [Fact]
    public void For_noBaseUrl_isTheHostTheClientWouldUse()
    {
        Assert.Equal("api.descope.com", BackupHost.For("P2abc", null, embedded: false));
        Assert.Equal("api.euc1.descope.com", BackupHost.For("Peuc12abcdefghijklmnopqrstuvwxyz0", null, embedded: false));
    }

    [Fact]
    public void Same_unknownHost_matchesNothing()
    {
        Assert.True(BackupHost.Same("API.descope.com", "api.descope.com"));
        Assert.False(BackupHost.Same(null, "local"));
        Assert.False(BackupHost.Same(null, null));
    }
}
