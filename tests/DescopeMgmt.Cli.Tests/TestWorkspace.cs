using DescopeMgmt.Api;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>A two-environment workspace (dev, prod) on one emulator, with a templated flow and two tenants.</summary>
internal static class TestWorkspace
{
    public const string ProdProject = "P2CliProdProject00000000001";


    public static async Task<CliHarness> WorkspaceAsync(bool protectProd = false)
    {
        var cli = await CliHarness.StartAsync();
        cli.Variables.Remove("DESCOPE_PROJECT_ID");
        cli.Variables.Remove("DESCOPE_BASE_URL");
        cli.Variables.Remove("DESCOPE_MANAGEMENT_KEY");
        cli.Variables["DEV_KEY"] = CliHarness.Key;
        cli.Variables["PROD_KEY"] = CliHarness.Key;
        var url = cli.Host.BaseUrl.ToString().TrimEnd('/');
        Write(cli, "descope.yaml", $$"""
            version: 1
            environments:
              dev:
                projectId: {{CliHarness.ProjectId}}
                managementKey: ${DEV_KEY}
                baseUrl: {{url}}
                vars: { APP_URL: "https://dev.example.com" }
              prod:
                projectId: {{ProdProject}}
                managementKey: ${PROD_KEY}
                baseUrl: {{url}}
                protected: {{(protectProd ? "true" : "false")}}
                vars: { APP_URL: "https://example.com" }
            defaultEnvironment: dev
            manage:
              flows: all
              tenants: true
              theme: true
              deleteMissing: false
            """);
        var flow = FlowGenerator.Create("sign-in", taskCount: 6, seed: 3);
        flow["contents"]!["tasks"]!["2"]!["arguments"]!["redirectUrl"]!["value"] = "${APP_URL}/callback";
        Write(cli, "flows/sign-in.json", flow.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Write(cli, "tenants.yaml", """
            tenants:
              - id: acme
                name: Acme
                selfProvisioningDomains: [acme.com]
                customAttributes: { portal: "${APP_URL}" }
              - id: acme-eu
                name: Acme EU
                parent: acme
            """);
        return cli;
    }

    public static void Write(CliHarness cli, string relative, string text)
    {
        var path = Path.Combine(cli.WorkingDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public static DescopeClient Client(CliHarness cli, string projectId) => new(new DescopeClientOptions
    {
        ProjectId = projectId,
        ManagementKey = CliHarness.Key,
        BaseUrl = cli.Host.BaseUrl,
    });
}
