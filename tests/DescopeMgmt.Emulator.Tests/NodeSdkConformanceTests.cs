using DescopeMgmt.Testing;

namespace DescopeMgmt.Emulator.Tests;

/// <summary>
/// Runs tests/conformance/conformance.mjs (the official @descope/node-sdk, pinned) against a real
/// emulator. Skipped only when node is missing and CI is not set; in CI a missing node fails.
/// </summary>
public sealed class NodeSdkConformanceTests
{
    [Fact]
    public async Task NodeSdk_everyEmulatedOperation_answersAsTheSdkExpects()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");

        const string key = "K2ConformanceKey0001";
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = key }, TestContext.Current.CancellationToken);
        var result = await NodeScripts.RunAsync(node!, "conformance.mjs", new Dictionary<string, string>
        {
            ["DESCOPE_BASE_URL"] = host.BaseUrl.ToString().TrimEnd('/'),
            ["DESCOPE_PROJECT_ID"] = "P2ConformanceProject0001",
            ["DESCOPE_MANAGEMENT_KEY"] = key,
        });

        Assert.True(result.ExitCode == 0, $"conformance.mjs failed:\n{result.Output}");
        Assert.Contains("all conformance checks passed", result.Output, StringComparison.Ordinal);
        Assert.True(host.Requests.Count > 20, "the SDK reached the emulator");
    }

    [Fact]
    public async Task IdentityScript_readsKeysSsoAndEveryUserPage_andChangesAKeyOutOfBand()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");

        const string key = "K2ConformanceKey0001";
        const string project = "P2ConformanceIdentity001";
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = key }, TestContext.Current.CancellationToken);
        using var api = new RawApi(host.BaseUrl, project, key);
        await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"acme","name":"Acme"}""");
        var cleartext = (await api.PostAsync("/v1/mgmt/accesskey/create", """{"name":"ci","description":"before"}""")).Body!["cleartext"]!.GetValue<string>();
        await api.PostAsync("/v1/mgmt/sso/saml", """{"tenantId":"acme","settings":{"idpUrl":"https://idp.example/sso","entityId":"e","idpCert":"c"}}""");
        for (var i = 0; i < 120; i++)
        {
            await api.PostAsync("/v1/mgmt/user/create", $$"""{"loginId":"user{{i}}@acme.com"}""");
        }

        var env = new Dictionary<string, string>
        {
            ["DESCOPE_BASE_URL"] = host.BaseUrl.ToString().TrimEnd('/'),
            ["DESCOPE_PROJECT_ID"] = project,
            ["DESCOPE_MANAGEMENT_KEY"] = key,
        };
        var change = await NodeScripts.RunAsync(node!, "identity.mjs", new Dictionary<string, string>(env) { ["MODE"] = "set-access-key-description", ["KEY_NAME"] = "ci", ["DESCRIPTION"] = "after" });
        var read = await NodeScripts.RunAsync(node!, "identity.mjs", new Dictionary<string, string>(env) { ["MODE"] = "read", ["TENANTS"] = "acme" });

        Assert.True(change.ExitCode == 0, change.Output);
        Assert.True(read.ExitCode == 0, read.Output);
        var state = System.Text.Json.Nodes.JsonNode.Parse(read.Output)!;
        Assert.Equal("after", state["accessKeys"]![0]!["description"]!.GetValue<string>());
        Assert.Equal("https://idp.example/sso", state["sso"]!["acme"]![0]!["saml"]!["idpSSOUrl"]!.GetValue<string>());
        Assert.Equal(120, state["users"]!.AsArray().Count);
        Assert.DoesNotContain(cleartext, read.Output, StringComparison.Ordinal);
    }
}
