using System.Net;
using System.Net.Sockets;

namespace DescopeMgmt.Faults;

/// <summary>
/// A fresh world for one scenario: its own DESCOPE_MGMT_HOME, backup folder, emulator data folder and
/// workspace (nested two levels down, so a `../../x` file name written from a server answer still lands
/// inside the sandbox, where it is seen), and one loopback port kept for every emulator it starts so
/// backups and undo commands name the same target across restarts.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    public const string ProjectId = "P2FaultsProject00000000001";
    public const string Key = "K2FaultsSuiteKey";

    public Sandbox(Cli cli, string name)
    {
        Cli = cli;
        Root = Path.Combine(Path.GetTempPath(), "descope-mgmt-faults", $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Backups);
        Directory.CreateDirectory(EmulatorData);
        Port = FreePort();
    }

    public Cli Cli { get; }

    public string Root { get; }

    public string Home => Path.Combine(Root, "home");

    public string Backups => Path.Combine(Root, "backups");

    public string EmulatorData => Path.Combine(Root, "emulator");

    public string Workspace => Path.Combine(Root, "a", "b", "ws");

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>What every CLI child sees: the target from the environment, the key never on the command line.</summary>
    public Dictionary<string, string> Environment(Uri baseUrl) => new()
    {
        ["DESCOPE_MGMT_HOME"] = Home,
        ["DESCOPE_BACKUP_DIR"] = Backups,
        ["DESCOPE_PROJECT_ID"] = ProjectId,
        ["DESCOPE_MANAGEMENT_KEY"] = Key,
        ["DESCOPE_FAULTS_MANAGEMENT_KEY"] = Key,
        ["DESCOPE_BASE_URL"] = baseUrl.ToString().TrimEnd('/'),
        ["NO_COLOR"] = "1",
        ["COLUMNS"] = "200",
    };

    public Task<EmulatorProcess> StartEmulatorAsync(params string[] options) =>
        EmulatorProcess.StartAsync(Cli, this, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. options]);

    public ChildProcess Start(Uri baseUrl, params string[] args) =>
        ChildProcess.Start([.. Cli.Command, .. args], Environment(baseUrl), Workspace);

    public async Task<CliRun> RunAsync(Uri baseUrl, TimeSpan timeout, params string[] args)
    {
        using var child = Start(baseUrl, args);
        var (exit, timedOut) = await child.WaitAsync(timeout);
        return new CliRun(args, exit, child.Out, child.Error, timedOut);
    }

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(BaseUrl, TimeSpan.FromSeconds(120), args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // The emulator gets --port N rather than 0 so the URL stays the same when it is restarted without faults.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
