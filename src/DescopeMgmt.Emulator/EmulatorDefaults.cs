namespace DescopeMgmt.Emulator;

/// <summary>Documented values for local use; never valid against the real service.</summary>
public static class EmulatorDefaults
{
    /// <summary>The key the emulator accepts when DESCOPE_MANAGEMENT_KEY is not set in its environment.</summary>
    public const string LocalManagementKey = "K2LocalEmulatorKeyDoNotUseInProduction";

    /// <summary>The project seeded with sample data; shorter than 32 characters so no regional host is derived.</summary>
    public const string SampleProjectId = "P2LocalSampleProject0000000001";
}
