namespace OrbFixtures.Simulator.Commands;

/// <summary>Copies a file or a directory tree (push, pull and clone all move whole trees).</summary>
internal static class FileCopy
{
    public static void Copy(string source, string destination)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
            File.Copy(source, destination, overwrite: true);
            return;
        }

        if (!Directory.Exists(source)) return;
        Directory.CreateDirectory(destination);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
            Copy(entry, Path.Combine(destination, Path.GetFileName(entry)));
    }
}
