namespace DescopeMgmt.Faults;

/// <summary>How to start the CLI under test: the build output run with dotnet, or a given binary (the NativeAOT one in CI).</summary>
internal sealed class Cli(IReadOnlyList<string> command)
{
    public IReadOnlyList<string> Command { get; } = command;

    public static Cli Locate(string? path)
    {
        if (path is not null)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"--cli {path}: no such file");
            }

            return new Cli(full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", full] : [full]);
        }

        var root = RepositoryRoot();
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(root, "src", "DescopeMgmt.Cli", "bin", configuration, "net10.0", "descope-mgmt.dll");
        return File.Exists(dll)
            ? new Cli(["dotnet", dll])
            : throw new FileNotFoundException($"{dll} is missing: build the CLI in {configuration}, or pass --cli PATH");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "descope-mgmt.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("descope-mgmt.slnx not found above the suite's folder");
    }
}
