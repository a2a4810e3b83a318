using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// The baseline of the overhead benchmark: runs a recorded sequence of <c>orbctl</c> argv lists one after another
/// with <see cref="SimulatorSandbox.RunAsync(IEnumerable{string}, string?, TimeSpan?)"/> (plain
/// <c>Process.Start</c>: output read, stdin closed, as OrbFixtures does) and nothing else.
/// </summary>
internal static class ArgvReplay
{
    /// <summary>Runs every argv in order against <paramref name="sandbox"/>; returns their exit codes.</summary>
    public static async Task<IReadOnlyList<int>> RunAsync(SimulatorSandbox sandbox, IReadOnlyList<string[]> sequence)
    {
        var exitCodes = new List<int>(sequence.Count);
        foreach (var argv in sequence) exitCodes.Add((await sandbox.RunAsync(argv, stdin: null)).ExitCode);
        return exitCodes;
    }
}
