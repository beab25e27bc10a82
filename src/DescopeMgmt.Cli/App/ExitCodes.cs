namespace DescopeMgmt.Cli.App;

/// <summary>The exit codes; scripts depend on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Error = 1;
    public const int ChangesPresent = 2;
    public const int PartialFailure = 3;
    public const int Interrupted = 130;
}
