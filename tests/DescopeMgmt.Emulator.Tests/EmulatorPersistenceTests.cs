using DescopeMgmt.Testing;

namespace DescopeMgmt.Emulator.Tests;

public sealed class EmulatorPersistenceTests
{
    private const string Key = "K2EmulatorTestKey";
    private const string Project = "P2EmulatorCorrupt";

    [Fact]
    public async Task Start_withACorruptProjectFile_movesItAside_andServesTheProjectEmpty()
    {
        using var temp = new TempDirectory();
        var projects = Path.Combine(temp.Path, "projects");
        Directory.CreateDirectory(projects);
        var corrupt = Path.Combine(projects, Project + ".json");
        await File.WriteAllTextAsync(corrupt, "{\"flows\": {", TestContext.Current.CancellationToken);

        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key, DataDir = temp.Path }, TestContext.Current.CancellationToken);
        using var api = new RawApi(host.BaseUrl, Project, Key);
        var (status, body, _) = await api.PostAsync("/v1/mgmt/flow/list", "{}");

        Assert.Equal(200, status);
        Assert.Empty(body!["flows"]!.AsArray());
        var aside = Assert.Single(Directory.GetFiles(projects, Project + ".json.corrupt-*"));
        Assert.Equal("{\"flows\": {", await File.ReadAllTextAsync(aside, TestContext.Current.CancellationToken));
    }
}
