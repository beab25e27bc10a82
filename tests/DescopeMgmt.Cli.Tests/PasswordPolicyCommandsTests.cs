using System.Text.Json.Nodes;
using DescopeMgmt.Api.Password;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Cli.Tests;

/// <summary>password-policy show and set, for the project and for a tenant, against the emulator.</summary>
public sealed class PasswordPolicyCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly PasswordSettings ProjectPolicy = new()
    {
        Enabled = true, MinLength = 10, Lowercase = true, Uppercase = true, Number = true, NonAlphanumeric = false,
        Reuse = true, ReuseAmount = 5, Lock = true, LockAttempts = 8,
    };

    private static readonly PasswordSettings AcmePolicy = new()
    {
        Enabled = true, MinLength = 14, Lowercase = true, Uppercase = true, Number = true, NonAlphanumeric = true,
        Expiration = true, ExpirationWeeks = 26, Lock = true, LockAttempts = 5, TempLock = true, TempLockAttempts = 3, TempLockDuration = 15,
    };

    /// <summary>The project's policy and tenant acme's own, set through the API client, not through the CLI under test.</summary>
    private static async Task<CliHarness> StartSeededAsync()
    {
        var cli = await CliHarness.StartAsync();
        using var client = cli.Client();
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Password.UpdateSettingsAsync(null, ProjectPolicy, Ct);
        await client.Password.UpdateSettingsAsync("acme", AcmePolicy, Ct);
        cli.Host.Requests.Clear();
        return cli;
    }

    private static async Task<PasswordSettings> ReadAsync(CliHarness cli, string? tenantId)
    {
        using var client = cli.Client();
        return await client.Password.GetSettingsAsync(tenantId, Ct);
    }

    [Fact]
    public async Task Show_project_text_listsEveryFieldWithItsValue()
    {
        await using var cli = await StartSeededAsync();

        var result = await cli.RunAsync("password-policy", "show");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"minLength\s*│\s*10\s*│", result.Out);
        Assert.Matches(@"lockAttempts\s*│\s*8\s*│", result.Out);
        Assert.Matches(@"passwordStrengthScore\s*│\s*0\s*│", result.Out);
        Assert.Contains("Password policy of the project", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_tenant_json_isTheTenantsPolicyDocument_withoutTheTenantId()
    {
        await using var cli = await StartSeededAsync();

        var result = await cli.RunAsync("password-policy", "show", "--tenant", "acme", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var policy = JsonNode.Parse(result.Out)!.AsObject();
        Assert.Equal(14, policy["minLength"]!.GetValue<int>());
        Assert.Equal(15, policy["tempLockDuration"]!.GetValue<int>());
        Assert.True(policy["nonAlphanumeric"]!.GetValue<bool>());
        Assert.False(policy.ContainsKey("tenantId"));
    }

    [Fact]
    public async Task Show_tenant_text_isTheTenantsPolicy_notTheProjects()
    {
        await using var cli = await StartSeededAsync();

        var result = await cli.RunAsync("password-policy", "show", "--tenant", "acme");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"minLength\s*│\s*14\s*│", result.Out);
        Assert.Contains("Password policy of tenant 'acme'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_project_changesOnlyTheGivenFields_andSendsTheWholePolicy()
    {
        await using var cli = await StartSeededAsync();

        var result = await cli.RunAsync("password-policy", "set", "--min-length", "12", "--non-alphanumeric", "true", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("minLength: 10 → 12", result.Error, StringComparison.Ordinal);
        Assert.Equal(ProjectPolicy with { MinLength = 12, NonAlphanumeric = true }, await ReadAsync(cli, null));
        Assert.Equal(AcmePolicy, await ReadAsync(cli, "acme"));
        var write = Assert.Single(cli.WritingRequests());
        var body = JsonNode.Parse(write.Body)!.AsObject();
        Assert.Equal(8, body["lockAttempts"]!.GetValue<int>());
        Assert.Equal(5, body["reuseAmount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Set_dryRun_showsTheDiff_andWritesNothing()
    {
        await using var cli = await StartSeededAsync();

        var result = await cli.RunAsync("password-policy", "set", "--tenant", "acme", "--lock-attempts", "3", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~ passwordPolicy \"tenants/acme\" will be updated", result.Error, StringComparison.Ordinal);
        Assert.Contains("lockAttempts: 5 → 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.Equal(AcmePolicy, await ReadAsync(cli, "acme"));
    }

    [Fact]
    public async Task Set_tenant_undoCommand_restoresThatPolicyExactly_andLeavesTheProjectsAlone()
    {
        await using var cli = await StartSeededAsync();
        var set = await cli.RunAsync("password-policy", "set", "--tenant", "acme", "--min-length", "20", "--temp-lock", "false", "--expiration-weeks", "52", "--yes");
        Assert.Equal(0, set.ExitCode);
        Assert.Equal(AcmePolicy with { MinLength = 20, TempLock = false, ExpirationWeeks = 52 }, await ReadAsync(cli, "acme"));
        Assert.Contains("--only passwordPolicy", set.UndoCommand, StringComparison.Ordinal);

        // A project change made after the tenant's: undoing the tenant's change must not take it back.
        using (var client = cli.Client())
        {
            await client.Password.UpdateSettingsAsync(null, ProjectPolicy with { MinLength = 16 }, Ct);
        }

        cli.Host.Requests.Clear();
        var undo = await cli.RunAsync([.. set.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, undo.ExitCode);
        Assert.Equal(AcmePolicy, await ReadAsync(cli, "acme"));
        Assert.Equal(ProjectPolicy with { MinLength = 16 }, await ReadAsync(cli, null));
        var write = Assert.Single(cli.WritingRequests());
        Assert.Equal("acme", JsonNode.Parse(write.Body)!["tenantId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("--min-length", "3", "--min-length: minLength must be between 4 and 64 (got 3)")]
    [InlineData("--min-length", "65", "--min-length: minLength must be between 4 and 64 (got 65)")]
    [InlineData("--lock-attempts", "11", "--lock-attempts: lockAttempts must be between 2 and 10 (got 11)")]
    [InlineData("--reuse-amount", "-1", "--reuse-amount: reuseAmount must be between 1 and 50 (got -1)")]
    public async Task Set_valueOutOfBounds_isRefusedBeforeAnyRequest(string flag, string value, string message)
    {
        await using var cli = await StartSeededAsync();

        var result = await cli.RunAsync("password-policy", "set", flag, value, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task Set_switchTurnedOnWhileItsCountIsZero_isRefusedBeforeAnyWrite()
    {
        await using var cli = await StartSeededAsync();

        // The project's policy has expiration off and expirationWeeks 0 (not set).
        var result = await cli.RunAsync("password-policy", "set", "--expiration", "true", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("expirationWeeks must be between 1 and 999 while expiration is on (got 0)", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.Equal(ProjectPolicy, await ReadAsync(cli, null));
    }

    [Fact]
    public async Task Set_noField_isRefusedBeforeAnyRequest()
    {
        await using var cli = await StartSeededAsync();

        var result = await cli.RunAsync("password-policy", "set", "--tenant", "acme", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Give at least one field to set.", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task Show_unknownTenant_saysTheTenantDoesNotExist_andExits1()
    {
        await using var cli = await StartSeededAsync();

        var text = await cli.RunAsync("password-policy", "show", "--tenant", "nope");
        var json = await cli.RunAsync("password-policy", "show", "--tenant", "nope", "--output", "json");

        Assert.Equal(1, text.ExitCode);
        Assert.Contains("Tenant 'nope' does not exist", text.Error, StringComparison.Ordinal);
        Assert.Contains("descope-mgmt tenant list", text.Error, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        Assert.Equal("tenant_not_found", JsonNode.Parse(json.Out)!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Set_unknownTenant_saysTheTenantDoesNotExist_writesNothing_andExits1()
    {
        await using var cli = await StartSeededAsync();

        var result = await cli.RunAsync("password-policy", "set", "--tenant", "nope", "--min-length", "12", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Tenant 'nope' does not exist", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task SetHelp_hasAFlagForEveryPolicyField()
    {
        await using var cli = await CliHarness.StartAsync();

        var help = await cli.RunAsync("password-policy", "set", "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var flag in new[] { "--enabled", "--min-length", "--non-alphanumeric", "--expiration-weeks", "--reuse-amount", "--lock-attempts", "--temp-lock-duration", "--password-strength-score" })
        {
            Assert.Contains(flag, help.Out, StringComparison.Ordinal);
        }
    }
}
