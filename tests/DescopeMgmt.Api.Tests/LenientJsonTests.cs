using System.Text.Json;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Tests;

public sealed class LenientJsonTests
{
    [Fact]
    public void TenantDeserialize_int64AsString_isAccepted()
    {
        var tenant = JsonSerializer.Deserialize("""{"id":"t1","name":"T","createdTime":"1700000000"}""", ApiJsonContext.Default.Tenant)!;
        Assert.Equal(1700000000, tenant.CreatedTime);
    }

    [Fact]
    public void TenantDeserialize_omittedFields_takeDefaults()
    {
        var tenant = JsonSerializer.Deserialize("""{"id":"t1"}""", ApiJsonContext.Default.Tenant)!;
        Assert.Equal("", tenant.Name);
        Assert.False(tenant.Disabled);
        Assert.Null(tenant.SelfProvisioningDomains);
    }

    [Fact]
    public void TenantRoundTrip_unknownFields_survive()
    {
        var tenant = JsonSerializer.Deserialize("""{"id":"t1","name":"T","futureField":{"a":[1,2]}}""", ApiJsonContext.Default.Tenant)!;
        var json = JsonSerializer.Serialize(tenant, ApiJsonContext.Default.Tenant);
        Assert.Contains("\"futureField\":{\"a\":[1,2]}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FlowListDeserialize_totalAsString_andExtraFields_areAccepted()
    {
        var list = JsonSerializer.Deserialize("""{"flows":[{"id":"a","name":"A","dsl":{"x":1}}],"total":"1"}""", ApiJsonContext.Default.FlowListResponse)!;
        Assert.Equal(1, list.Total);
        Assert.Equal("a", list.Flows[0].Id);
        Assert.NotNull(list.Flows[0].Extra?["dsl"]);
    }
}
