using DescopeMgmt.Core.Connection;
using DescopeMgmt.Emulator;

namespace DescopeMgmt.Cli.App;

/// <summary>Starts the emulator in-process for --local, with state under ~/.descope-mgmt/local and the sample project seeded.</summary>
internal static class EmbeddedEmulator
{
    public static Task<EmulatorHost> StartAsync(string homeDirectory, ConnectionTarget target, CancellationToken cancellationToken) =>
        EmulatorHost.StartAsync(
            new EmulatorOptions
            {
                Port = 0,
                DataDir = Path.Combine(homeDirectory, "local"),
                ManagementKey = target.ManagementKey.Reveal(),
                SeedSample = true,
            },
            cancellationToken);
}
