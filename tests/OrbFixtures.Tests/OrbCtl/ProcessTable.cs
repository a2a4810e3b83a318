using System.Text;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>Reads /proc to find processes a test started, by a variable in their environment. Zombies count as
/// gone: they no longer run, they only wait to be reaped.</summary>
internal static class ProcessTable
{
    public static IReadOnlyList<int> WithEnvironment(string name, string value)
    {
        var needle = Encoding.UTF8.GetBytes($"{name}={value}\0");
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || !IsRunning(pid)) continue;
            try
            {
                if (File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(needle) >= 0) pids.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // gone meanwhile, or not ours
        }
        return pids;
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
