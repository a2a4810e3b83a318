namespace OrbFixtures.Ownership;

/// <summary>
/// Which machines an <c>orbctl</c> talks to. Every ledger record names its world, and a run acts only on records of its
/// own: a run against the simulator never drops, reaps or adopts a record of the real OrbStack on the same Mac, and the
/// other way round. The key is the <c>orbctl</c> executable with every symbolic link resolved (so <c>/usr/local/bin/orbctl</c>
/// and OrbStack's app bundle are one world) plus, for the simulator, its <c>ORBSIM_HOME</c>.
/// </summary>
internal static class OrbctlWorld
{
    /// <summary>The simulator's state directory variable: each value is a world of its own.</summary>
    public const string SimulatorHome = "ORBSIM_HOME";

    /// <summary>The world key of <paramref name="orbctlPath"/> run with <paramref name="environment"/> on top of this
    /// process's environment.</summary>
    public static string Key(string orbctlPath, IReadOnlyDictionary<string, string> environment)
    {
        var executable = Resolve(orbctlPath);
        var simulatorHome = environment.TryGetValue(SimulatorHome, out var home) ? home : Environment.GetEnvironmentVariable(SimulatorHome);
        return string.IsNullOrEmpty(simulatorHome)
            ? $"orbctl={executable}"
            : $"orbctl={executable};{SimulatorHome}={Path.GetFullPath(simulatorHome)}";
    }

    private static string Resolve(string path)
    {
        try
        {
            var full = Path.IsPathRooted(path) || path.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? Path.GetFullPath(path)
                : path; // a bare name found on PATH at run time: the name is all that is known
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException) { return path; }
        catch (UnauthorizedAccessException) { return path; }
        catch (ArgumentException) { return path; }
    }
}
