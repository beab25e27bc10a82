using System.Text.Json.Nodes;
using DescopeMgmt.Api.Projects;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Api.Tests;

public sealed class TenantsAndProjectApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateLoadUpdateDelete_tenant_roundTripsEveryField()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var id = await client.Tenants.CreateAsync(new TenantWrite
        {
            Id = "acme",
            Name = "Acme",
            SelfProvisioningDomains = ["acme.test"],
            CustomAttributes = new JsonObject { ["tier"] = "gold" },
            EnforceSSO = true,
        }, Ct);
        var loaded = await client.Tenants.LoadAsync(id, Ct);

        Assert.Equal("acme", id);
        Assert.Equal("Acme", loaded.Name);
        Assert.Equal(["acme.test"], loaded.SelfProvisioningDomains!);
        Assert.Equal("gold", loaded.CustomAttributes!["tier"]!.GetValue<string>());
        Assert.True(loaded.EnforceSSO);

        await client.Tenants.UpdateAsync(new TenantWrite { Id = "acme", Name = "Acme Corp" }, Ct);
        var updated = await client.Tenants.LoadAsync("acme", Ct);
        Assert.Equal("Acme Corp", updated.Name);
        Assert.False(updated.EnforceSSO); // update replaces every field

        await client.Tenants.DeleteAsync("acme", cascade: false, Ct);
        Assert.Empty(await client.Tenants.LoadAllAsync(Ct));
    }

    [Fact]
    public async Task Create_withoutId_returnsGeneratedId()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var id = await client.Tenants.CreateAsync(new TenantWrite { Name = "No id" }, Ct);

        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal("No id", (await client.Tenants.LoadAsync(id, Ct)).Name);
    }

    [Fact]
    public async Task SearchAndLoadAll_returnMatchingTenants()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Tenants.CreateAsync(new TenantWrite { Id = "a", Name = "Alpha" }, Ct);
        await client.Tenants.CreateAsync(new TenantWrite { Id = "b", Name = "Beta", Parent = "a" }, Ct);

        var all = await client.Tenants.LoadAllAsync(Ct);
        var found = await client.Tenants.SearchAsync(new TenantSearch { TenantNames = ["Beta"] }, Ct);

        Assert.Equal(2, all.Count);
        Assert.Equal("b", Assert.Single(found).Id);
        Assert.Equal("a", found[0].Parent);
    }

    [Fact]
    public async Task Load_unknownTenant_throwsNotFound()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Tenants.LoadAsync("nope", Ct));

        Assert.True(ex.StatusCode >= 400);
    }

    [Fact]
    public async Task ThemeImportThenExport_returnsTheImportedTheme()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        var theme = JsonNode.Parse("""{"componentsVersion":"2.0.1","styles":{"light":{"globals":{"colors":{"primary":"#123456"}}}}}""")!.AsObject();

        await client.Themes.ImportAsync(theme, Ct);
        var exported = await client.Themes.ExportAsync(Ct);

        Assert.Equal("#123456", exported["styles"]!["light"]!["globals"]!["colors"]!["primary"]!.GetValue<string>());
    }

    [Fact]
    public async Task SnapshotExportImportValidate_roundTripsFlows()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Flows.ImportAsync("sign-in", SampleDocuments.Flow("sign-in"), Ct);

        var exported = await client.Projects.ExportSnapshotAsync(Ct);
        Assert.Contains(exported.Keys, k => k.Contains("sign-in", StringComparison.Ordinal));
        var files = exported.ToDictionary(f => f.Key, f => JsonNode.Parse(f.Value.GetRawText()));

        await client.Flows.DeleteAsync(["sign-in"], Ct);
        var validation = await client.Projects.ValidateSnapshotAsync(new SnapshotImportRequest { Files = files }, Ct);
        Assert.True(validation.Ok, string.Join("; ", validation.Failures));
        await client.Projects.ImportSnapshotAsync(new SnapshotImportRequest { Files = files }, Ct);

        Assert.Contains(await client.Flows.ListAsync(Ct), f => f.Id == "sign-in");
    }

    [Fact]
    public async Task License_returnsTier()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        Assert.False(string.IsNullOrEmpty(await client.Projects.GetLicenseTierAsync(Ct)));
    }
}
