using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Api.Tests;

public sealed class PasswordApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetSettings_newProject_isTheDefaultPolicy()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var policy = await client.Password.GetSettingsAsync(null, Ct);

        Assert.Equal(8, policy.MinLength);
        Assert.True(policy.Lowercase && policy.Uppercase && policy.Number && policy.NonAlphanumeric);
    }

    [Fact]
    public async Task UpdateSettings_project_overwritesEveryField()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        var before = await client.Password.GetSettingsAsync(null, Ct);

        await client.Password.UpdateSettingsAsync(null, before with { MinLength = 12, Lock = true, LockAttempts = 5, NonAlphanumeric = false }, Ct);
        var changed = await client.Password.GetSettingsAsync(null, Ct);
        await client.Password.UpdateSettingsAsync(null, new Password.PasswordSettings { MinLength = 6 }, Ct);
        var replaced = await client.Password.GetSettingsAsync(null, Ct);

        Assert.Equal(before with { MinLength = 12, Lock = true, LockAttempts = 5, NonAlphanumeric = false, Extra = changed.Extra }, changed);
        Assert.Equal(6, replaced.MinLength);
        Assert.False(replaced.Lowercase); // every field is overwritten: omitted means off
        var request = factory.Host.Requests.Snapshot().First(r => r is { Method: "POST", Path: "/v1/mgmt/password/settings" });
        Assert.Contains("\"nonAlphanumeric\":false", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("tenantId", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_perTenant_areTheTenantsOwn_andFollowTheProjectUntilSet()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        var project = await client.Password.GetSettingsAsync(null, Ct);

        var inherited = await client.Password.GetSettingsAsync("acme", Ct);
        await client.Password.UpdateSettingsAsync("acme", project with { MinLength = 20 }, Ct);
        var own = await client.Password.GetSettingsAsync("acme", Ct);

        Assert.Equal(project.MinLength, inherited.MinLength);
        Assert.Equal(20, own.MinLength);
        Assert.Equal(project.MinLength, (await client.Password.GetSettingsAsync(null, Ct)).MinLength);
        Assert.Contains(factory.Host.Requests.Snapshot(), r => r.Path == "/v1/mgmt/password/settings" && r.Query.Contains("tenantId=acme", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(65)]
    public async Task UpdateSettings_minLengthOutOfBounds_isRefusedWith400(int minLength)
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Password.UpdateSettingsAsync(null, new Password.PasswordSettings { MinLength = minLength }, Ct));

        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("minLength", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(8, (await client.Password.GetSettingsAsync(null, Ct)).MinLength);
    }

    [Fact]
    public async Task Settings_unknownTenant_areRefusedWith400()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var get = await Assert.ThrowsAsync<DescopeApiException>(() => client.Password.GetSettingsAsync("ghost", Ct));
        var set = await Assert.ThrowsAsync<DescopeApiException>(() => client.Password.UpdateSettingsAsync("ghost", new Password.PasswordSettings { MinLength = 8 }, Ct));

        Assert.Equal(400, get.StatusCode);
        Assert.Equal(400, set.StatusCode);
    }
}
