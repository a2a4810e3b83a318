namespace OrbFixtures.Availability;

/// <summary>
/// Finds <c>orbctl</c> where OrbStack installs it (it links <c>orbctl</c> into <c>~/.orbstack/bin</c> and <c>/usr/local/bin</c> when first opened): a configured path is authoritative;
/// otherwise PATH, then <c>~/.orbstack/bin</c>, <c>/usr/local/bin</c> and the app bundle.
/// </summary>
internal sealed class OrbctlLocator
{
    internal const string Executable = "orbctl";
    internal const string AppBundlePath = "/Applications/OrbStack.app/Contents/MacOS/bin/orbctl";
    internal const string UsrLocalPath = "/usr/local/bin/orbctl";

    private readonly Func<string, bool> _isExecutableFile;
    private readonly string? _pathVariable;
    private readonly string? _homeDirectory;

    public OrbctlLocator(Func<string, bool> isExecutableFile, string? pathVariable, string? homeDirectory)
    {
        _isExecutableFile = isExecutableFile;
        _pathVariable = pathVariable;
        _homeDirectory = homeDirectory;
    }

    /// <summary>The locator for this process: its PATH, its home directory, the real file system.</summary>
    public static OrbctlLocator ForThisProcess() => new(
        IsExecutableFile,
        Environment.GetEnvironmentVariable("PATH"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public OrbctlLocation Locate(string? configuredPath)
    {
        var searched = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            // An explicit choice is never second-guessed: falling back to another orbctl (say, a real OrbStack
            // when the simulator was configured) would create real machines by surprise.
            if (configuredPath.Contains('/', StringComparison.Ordinal))
            {
                var full = Path.GetFullPath(configuredPath);
                searched.Add($"{OrbFixturesConfiguration.OrbctlKey}='{configuredPath}' ({Describe(full)})");
                return new OrbctlLocation(_isExecutableFile(full) ? full : null, searched);
            }
            var onPath = SearchPath(configuredPath, searched);
            return new OrbctlLocation(onPath, searched);
        }

        var found = SearchPath(Executable, searched);
        if (found is not null) return new OrbctlLocation(found, searched);
        foreach (var candidate in WellKnownPaths())
        {
            searched.Add(candidate.Description);
            if (_isExecutableFile(candidate.Path)) return new OrbctlLocation(candidate.Path, searched);
        }
        return new OrbctlLocation(null, searched);
    }

    private string? SearchPath(string name, List<string> searched)
    {
        var directories = (_pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        searched.Add(directories.Length == 0
            ? $"'{name}' on PATH (PATH is empty)"
            : $"'{name}' on PATH ({string.Join(Path.PathSeparator, directories)})");
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(_isExecutableFile);
    }

    private IEnumerable<(string Path, string Description)> WellKnownPaths()
    {
        if (!string.IsNullOrEmpty(_homeDirectory))
        {
            var userBin = Path.Combine(_homeDirectory, ".orbstack", "bin", Executable);
            yield return (userBin, $"~/.orbstack/bin/orbctl ({userBin})");
        }
        yield return (UsrLocalPath, UsrLocalPath);
        yield return (AppBundlePath, AppBundlePath);
    }

    private string Describe(string path) => _isExecutableFile(path) ? "found" : "no executable file there";

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
