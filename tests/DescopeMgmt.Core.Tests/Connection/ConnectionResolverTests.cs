using DescopeMgmt.Core.Connection;

namespace DescopeMgmt.Core.Tests.Connection;

public sealed class ConnectionResolverTests
{
    private static readonly WorkspaceEnvironmentSource Workspace = new(
        "descope.yaml",
        "dev",
        new Dictionary<string, WorkspaceEnvironmentInfo>
        {
            ["dev"] = new("P2dev", "DEV_KEY", null, false),
            ["prod"] = new("P2prod", "PROD_KEY", "https://api.example.test", true),
        });

    private static ConnectionRequest Request(
        Dictionary<string, string?> vars, string? projectFlag = null, string? envFlag = null, bool local = false, WorkspaceEnvironmentSource? ws = null) =>
        new(projectFlag, null, local, envFlag, name => vars.GetValueOrDefault(name), ws);

    [Fact]
    public void Resolve_projectFlag_winsOverEverything()
    {
        var target = ConnectionResolver.Resolve(Request(new() { ["DESCOPE_MANAGEMENT_KEY"] = "K1", ["DESCOPE_PROJECT_ID"] = "P2env" }, projectFlag: "P2flag", envFlag: "prod", ws: Workspace));

        Assert.Equal("P2flag", target.ProjectId);
        Assert.Equal("K1", target.ManagementKey.Reveal());
    }

    [Theory]
    [InlineData("K2secretÄ")]
    [InlineData("K2secret\u0001part")]
    [InlineData("K2secret\npart")]
    public void Resolve_keyAHeaderCannotCarry_isAnErrorThatNeverShowsTheKey(string key)
    {
        var error = Assert.Throws<UserError>(() => ConnectionResolver.Resolve(Request(new() { ["DESCOPE_MANAGEMENT_KEY"] = key }, projectFlag: "P2flag")));

        Assert.Equal("invalid_key", error.Code);
        Assert.DoesNotContain("K2secret", error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_envFlag_usesWorkspaceEnvironmentAndItsKeyVariable()
    {
        var target = ConnectionResolver.Resolve(Request(new() { ["PROD_KEY"] = "Kprod", ["DESCOPE_PROJECT_ID"] = "P2env" }, envFlag: "prod", ws: Workspace));

        Assert.Equal("P2prod", target.ProjectId);
        Assert.Equal("Kprod", target.ManagementKey.Reveal());
        Assert.True(target.IsProtected);
        Assert.Equal("prod", target.EnvironmentName);
        Assert.Equal(new Uri("https://api.example.test"), target.BaseUrl);
    }

    [Fact]
    public void Resolve_envFlag_ofAnEnvironmentWithoutBaseUrl_takesDescopeBaseUrl_asTheSameEnvironmentChosenByProjectIdDoes()
    {
        var vars = new Dictionary<string, string?> { ["DEV_KEY"] = "Kdev", ["DESCOPE_MANAGEMENT_KEY"] = "Kdev", ["DESCOPE_BASE_URL"] = "https://eu.api.example.test" };

        var byName = ConnectionResolver.Resolve(Request(vars, envFlag: "dev", ws: Workspace));
        var byId = ConnectionResolver.Resolve(Request(vars, projectFlag: "P2dev", ws: Workspace));
        var byDefault = ConnectionResolver.Resolve(Request(new() { ["DEV_KEY"] = "Kdev", ["DESCOPE_BASE_URL"] = "https://eu.api.example.test" }, ws: Workspace));

        Assert.Equal(new Uri("https://eu.api.example.test"), byName.BaseUrl);
        Assert.Equal(byId.BaseUrl, byName.BaseUrl);
        Assert.Equal(byId.BaseUrl, byDefault.BaseUrl);
    }

    [Fact]
    public void Resolve_envVars_winOverDefaultEnvironment()
    {
        var target = ConnectionResolver.Resolve(Request(new() { ["DESCOPE_PROJECT_ID"] = "P2env", ["DESCOPE_MANAGEMENT_KEY"] = "K" }, ws: Workspace));

        Assert.Equal("P2env", target.ProjectId);
    }

    [Fact]
    public void Resolve_nothingButWorkspace_usesDefaultEnvironment()
    {
        var target = ConnectionResolver.Resolve(Request(new() { ["DEV_KEY"] = "Kdev" }, ws: Workspace));

        Assert.Equal("P2dev", target.ProjectId);
        Assert.Equal("dev", target.EnvironmentName);
    }

    [Fact]
    public void Resolve_unknownEnvironment_listsKnownOnes()
    {
        var ex = Assert.Throws<UserError>(() => ConnectionResolver.Resolve(Request([], envFlag: "qa", ws: Workspace)));

        Assert.Contains("dev, prod", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_missingKeyVariable_namesTheVariable()
    {
        var ex = Assert.Throws<UserError>(() => ConnectionResolver.Resolve(Request([], envFlag: "prod", ws: Workspace)));

        Assert.Contains("PROD_KEY", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_localFlagAlone_targetsEmbeddedSampleProject()
    {
        var target = ConnectionResolver.Resolve(Request([], local: true));

        Assert.True(target.UseEmbeddedEmulator);
        Assert.Equal(ConnectionResolver.LocalDefaultProjectId, target.ProjectId);
    }

    [Fact]
    public void TargetToString_neverShowsTheKey()
    {
        var target = ConnectionResolver.Resolve(Request(new() { ["DESCOPE_PROJECT_ID"] = "P2env", ["DESCOPE_MANAGEMENT_KEY"] = "K2secret" }));

        Assert.DoesNotContain("K2secret", target.ToString(), StringComparison.Ordinal);
        Assert.Contains("(sensitive)", target.ToString(), StringComparison.Ordinal);
    }
}
