using System.Diagnostics;

namespace DescopeMgmt.Testing;

/// <summary>
/// Runs the scripts of tests/conformance with the official @descope/node-sdk. Tests skip only when
/// node is missing and CI is not set; with CI set a missing node is a failure.
/// </summary>
public static class NodeScripts
{
    public static string Folder => Path.Combine(RepositoryRoot(), "tests", "conformance");

    /// <summary>The node executable, or null (after checking CI) when the caller should skip.</summary>
    public static string? FindNodeOrSkipReason(out string? skipReason)
    {
        var node = FindOnPath("node");
        skipReason = null;
        if (node is null)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException("CI is set but node is not installed: the official-SDK tests cannot run.");
            }

            skipReason = "node is not installed (set CI=true to make this a failure).";
        }

        return node;
    }

    /// <summary>Installs the pinned SDK when node_modules is missing, then runs the script.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string node, string script, IReadOnlyDictionary<string, string> environment)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@descope", "node-sdk")))
        {
            var npm = FindOnPath("npm") ?? throw new InvalidOperationException("node is installed but npm is not; run `npm ci` in tests/conformance.");
            var install = await RunProcessAsync(npm, ["ci", "--no-audit", "--no-fund"], new Dictionary<string, string>());
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed:\n{install.Output}");
            }
        }

        return await RunProcessAsync(node, [script], environment);
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "descope-mgmt.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("descope-mgmt.slnx not found above the test folder.");
    }
}
