namespace OrdererScopes;

/// <summary>Appends "Class.Method" per executed test to the file named by MACHINESUITE_LOG.</summary>
internal static class ScopeLog
{
    private static readonly object s_gate = new();

    public static void Write(string line)
    {
        if (Environment.GetEnvironmentVariable("MACHINESUITE_LOG") is not { Length: > 0 } path) return;
        lock (s_gate) File.AppendAllText(path, line + Environment.NewLine);
    }
}
