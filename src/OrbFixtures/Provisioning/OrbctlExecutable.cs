namespace OrbFixtures.Provisioning;

/// <summary>Finds <c>orbctl</c> where OrbStack installs it (reference/orbctl.md §7) when no path is configured.</summary>
internal static class OrbctlExecutable
{
    public static string Locate()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "orbctl"));
        string[] installed =
        [
            Path.Combine(home, ".orbstack", "bin", "orbctl"),
            "/usr/local/bin/orbctl",
            "/Applications/OrbStack.app/Contents/MacOS/bin/orbctl",
        ];
        return onPath.Concat(installed).FirstOrDefault(File.Exists) ?? "orbctl";
    }
}
