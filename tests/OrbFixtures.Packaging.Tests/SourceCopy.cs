namespace OrbFixtures.Packaging.Tests;

/// <summary>A copy of what packing needs from the repository (src and the root build files, no build output), so that
/// packing never touches the repository's own bin/obj folders, which other test projects may be building.</summary>
internal static class SourceCopy
{
    private static readonly string[] s_copied = ["Directory.Build.props", "Directory.Packages.props", "README.md", "global.json", "LICENSE", ".editorconfig"];

    public static void Create(string destination)
    {
        CopyTree(Repository.PathOf("src"), Path.Combine(destination, "src"));
        foreach (var file in s_copied.Where(f => File.Exists(Repository.PathOf(f))))
            File.Copy(Repository.PathOf(file), Path.Combine(destination, file));
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is "bin" or "obj") continue;
            CopyTree(directory, Path.Combine(to, name));
        }
    }
}
