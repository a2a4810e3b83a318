namespace MachineSuite;

/// <summary>Appends a line per executed test to the file named by MACHINESUITE_LOG, so the runner can check the order.</summary>
internal static class SuiteLog
{
    private static readonly object s_gate = new();

    public static void Write(string line)
    {
        if (Environment.GetEnvironmentVariable("MACHINESUITE_LOG") is not { Length: > 0 } path) return;
        lock (s_gate) File.AppendAllText(path, line + Environment.NewLine);
    }
}
