using DescopeMgmt.Cli.App;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Emulator.Tests;

/// <summary>`emulator serve` as a process: how it stops, what it says, which options it refuses.</summary>
public sealed class EmulatorServeTests
{
    private const string Key = "K2EmulatorServeTestKey";
    private const string Project = "P2EmulatorServeTest";

    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    [InlineData("INT")]
    public async Task Serve_onStopSignal_exitsZero_withItsStateSaved(string signal)
    {
        using var temp = new TempDirectory();
        using (var serve = await ServeProcess.StartAsync(Key, "--data-dir", temp.Path))
        {
            using var api = new RawApi(serve.BaseUrl, Project, Key);
            Assert.Equal(200, (await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"t1","name":"T1"}""")).Status);

            await serve.SignalAsync(signal);
            var (exitCode, error) = await serve.WaitForExitAsync();

            Assert.Equal(0, exitCode);
            Assert.Contains("Emulator stopped.", error, StringComparison.Ordinal);
        }

        await using var restarted = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key, DataDir = temp.Path }, TestContext.Current.CancellationToken);
        using var again = new RawApi(restarted.BaseUrl, Project, Key);
        Assert.Equal("T1", (await again.GetAsync("/v1/mgmt/tenant?id=t1")).Body!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Serve_withCorruptSampleProjectFile_warnsItWasMovedAsideAndReseeded()
    {
        using var temp = new TempDirectory();
        var projects = Directory.CreateDirectory(Path.Combine(temp.Path, "projects")).FullName;
        var corrupt = Path.Combine(projects, EmulatorDefaults.SampleProjectId + ".json");
        await File.WriteAllTextAsync(corrupt, "{\"flows\": {", TestContext.Current.CancellationToken);

        using var serve = await ServeProcess.StartAsync(Key, "--data-dir", temp.Path, "--seed", "sample");
        await serve.SignalAsync("TERM");
        var (exitCode, wrapped) = await serve.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        var error = wrapped.Replace("\n", "", StringComparison.Ordinal); // warnings are wrapped at the console width
        var aside = Assert.Single(Directory.GetFiles(projects, EmulatorDefaults.SampleProjectId + ".json.corrupt-*"));
        Assert.Contains($"Warning: Project state file {corrupt} could not be read", error, StringComparison.Ordinal);
        Assert.Contains($"moved aside to {aside}", error, StringComparison.Ordinal);
        Assert.Contains("reseeded with the sample data", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("65536")]
    [InlineData("-1")]
    public async Task Serve_withPortOutOfRange_isAUsageError(string port)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment { Out = output, Error = error, In = TextReader.Null, GetVariable = _ => null };

        var exit = await CliApp.RunAsync(["emulator", "serve", "--port", port], env, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains($"--port must be between 0 and 65535, not {port}.", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected error", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("http://", output.ToString(), StringComparison.Ordinal);
    }
}
