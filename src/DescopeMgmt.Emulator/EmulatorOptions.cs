using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Emulator;

public sealed class EmulatorOptions
{
    /// <summary>Loopback address to bind; the emulator never listens beyond this machine.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Folder for persisted state; null keeps everything in memory.</summary>
    public string? DataDir { get; init; }

    /// <summary>The accepted key; null means DESCOPE_MANAGEMENT_KEY from the environment, else <see cref="EmulatorDefaults.LocalManagementKey"/>.</summary>
    public string? ManagementKey { get; init; }

    /// <summary>Load the shipped sample flows, theme and tenants into <see cref="EmulatorDefaults.SampleProjectId"/> when it is empty.</summary>
    public bool SeedSample { get; init; }

    public RateLimitSpec? RateLimit { get; init; }

    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Answer snapshot export with 403, as for projects whose plan lacks it (tests the client's fallback).</summary>
    public bool SnapshotExportDisabled { get; init; }

    /// <summary>Seed for fault probabilities, so a faulty run can be repeated.</summary>
    public int RandomSeed { get; init; } = 12345;
}
