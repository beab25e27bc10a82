using System.Diagnostics;

namespace DescopeMgmt.Cli.Tests.Workflows;

/// <summary>
/// The CLI packed as a .NET tool (what `dotnet tool install descope-mgmt` downloads), made once per test
/// run from the build the tests run against, in a local folder that serves as the only package source.
/// </summary>
internal static class PackedTool
{
    private static readonly Lazy<Task<string>> Feed = new(PackAsync);

    /// <summary>The folder holding the .nupkg.</summary>
    public static Task<string> FeedAsync() => Feed.Value;

    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "descope-mgmt.slnx")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("the repository root (descope-mgmt.slnx) is not above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A nuget.config that makes the packed folder the only source, for the folder it is written to and those below.</summary>
    public static async Task WriteNuGetConfigAsync(string folder)
    {
        var feed = await FeedAsync();
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
    }

    private static async Task<string> PackAsync()
    {
        // The configuration the tests were built in, so --no-build packs exactly the binaries under test.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var feed = Directory.CreateTempSubdirectory("descope-mgmt-feed-").FullName;
        var project = Path.Combine(RepositoryRoot, "src", "DescopeMgmt.Cli", "DescopeMgmt.Cli.csproj");
        var start = new ProcessStartInfo("dotnet", ["pack", project, "--no-build", "-c", configuration, "-o", feed, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || Directory.GetFiles(feed, "*.nupkg").Length == 0)
        {
            throw new InvalidOperationException($"dotnet pack failed ({process.ExitCode}):\n{await output}\n{await error}");
        }

        return feed;
    }
}
