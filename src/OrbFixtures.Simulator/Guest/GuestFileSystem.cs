namespace OrbFixtures.Simulator.Guest;

/// <summary>
/// A machine's files: what <c>push</c> copied in and what <c>mkdir</c>/<c>rm</c> changed, stored under the
/// machine's state directory, plus the system files the simulator generates (<see cref="SystemFiles"/>: os-release,
/// hostname, the cgroup limits). Guest paths are normalised first, so no path can reach outside the machine's directory.
/// </summary>
internal sealed class GuestFileSystem(string root, SystemFiles system)
{
    private readonly string _root = Path.GetFullPath(root);

    /// <summary>The host location backing an absolute, normalised guest path.</summary>
    public string HostPath(string guestPath) => Path.Combine(_root, guestPath.TrimStart('/'));

    public string? ReadText(string guestPath) =>
        system.Files.TryGetValue(guestPath, out var generated) ? generated
        : File.Exists(HostPath(guestPath)) ? File.ReadAllText(HostPath(guestPath))
        : null;

    public bool IsFile(string guestPath) => ReadText(guestPath) is not null;

    public bool IsDirectory(string guestPath) =>
        guestPath is "/" or "/home" or "/root" || system.IsDirectory(guestPath) || Directory.Exists(HostPath(guestPath));

    /// <summary>Entry names of a directory, sorted as <c>ls</c> prints them.</summary>
    public IReadOnlyList<string> List(string guestPath)
    {
        var names = Directory.Exists(HostPath(guestPath))
            ? Directory.EnumerateFileSystemEntries(HostPath(guestPath)).Select(Path.GetFileName).OfType<string>().ToList()
            : [];
        names.AddRange(system.EntriesOf(guestPath));
        return names.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public void CreateDirectory(string guestPath) => Directory.CreateDirectory(HostPath(guestPath));

    public void WriteFile(string guestPath, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(HostPath(guestPath))!);
        File.WriteAllBytes(HostPath(guestPath), content);
    }

    public byte[]? ReadBytes(string guestPath) =>
        ReadText(guestPath) is null ? null
        : File.Exists(HostPath(guestPath)) && !system.Files.ContainsKey(guestPath) ? File.ReadAllBytes(HostPath(guestPath))
        : System.Text.Encoding.UTF8.GetBytes(ReadText(guestPath)!);

    public void Delete(string guestPath)
    {
        if (Directory.Exists(HostPath(guestPath))) Directory.Delete(HostPath(guestPath), recursive: true);
        else File.Delete(HostPath(guestPath));
    }
}
