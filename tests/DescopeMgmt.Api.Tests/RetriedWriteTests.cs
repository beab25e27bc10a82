using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Emulator.Faults;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Api.Tests;

/// <summary>A write retried after an attempt that may have acted: its final refusal does not prove the item unchanged.</summary>
public sealed class RetriedWriteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("reset", true)]
    [InlineData("520", true)]
    [InlineData("503", false)]
    [InlineData("429", false)]
    public async Task Update_retriedThenRefused_saysWhetherAnEarlierAttemptMayHaveActed(string first, bool mayHaveActed)
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create(time: new DelaySkippingTimeProvider());
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        factory.Host.Faults.Add(FaultSpec.Parse($"{first}@/v1/mgmt/tenant/update#1"));
        factory.Host.Faults.Add(FaultSpec.Parse("400@/v1/mgmt/tenant/update#2"));

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.Tenants.UpdateAsync(new TenantWrite { Id = "acme", Name = "Acme Corp" }, Ct));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(mayHaveActed, error.EarlierAttemptMayHaveActed);
    }
}
