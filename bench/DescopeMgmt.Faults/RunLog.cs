namespace DescopeMgmt.Faults;

/// <summary>The full output of every run goes to --log FILE, so a bad number can be traced to what the CLI printed.</summary>
internal static class RunLog
{
    public static string? File { get; set; }

    public static void Write(string text)
    {
        if (File is not null)
        {
            System.IO.File.AppendAllText(File, text + "\n\n");
        }
    }
}
