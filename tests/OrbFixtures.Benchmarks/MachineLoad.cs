using System.Globalization;

namespace OrbFixtures.Benchmarks;

/// <summary>The host's load (1/5/15-minute load averages from /proc/loadavg) and core count, for the record.</summary>
internal static class MachineLoad
{
    public static string Describe()
    {
        var cores = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {fields[0]} / {fields[1]} / {fields[2]} (1/5/15 min) on {cores} cores";
        }
        catch (IOException)
        {
            return $"load average unknown on {cores} cores";
        }
        catch (UnauthorizedAccessException)
        {
            return $"load average unknown on {cores} cores";
        }
    }
}
