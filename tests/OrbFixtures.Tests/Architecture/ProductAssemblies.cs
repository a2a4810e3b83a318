using System.Xml.Linq;

namespace OrbFixtures.Tests.Architecture;

/// <summary>The product projects: every project under <c>src/</c>, found from the repository itself so that a new
/// package is covered without editing a list.</summary>
internal static class ProductAssemblies
{
    /// <summary>The repository root: the folder holding OrbFixtures.sln, above the test's output folder.</summary>
    public static DirectoryInfo RepositoryRoot { get; } = FindRoot();

    public static IEnumerable<DirectoryInfo> SourceProjects() =>
        new DirectoryInfo(Path.Combine(RepositoryRoot.FullName, "src")).EnumerateDirectories()
            .Where(d => d.EnumerateFiles("*.csproj").Any())
            .OrderBy(d => d.Name, StringComparer.Ordinal);

    /// <summary>Assembly names of the product projects (<c>AssemblyName</c>, or the project file's name).</summary>
    public static HashSet<string> Names() =>
        SourceProjects().Select(d => d.EnumerateFiles("*.csproj").Single()).Select(AssemblyNameOf).ToHashSet(StringComparer.Ordinal);

    private static string AssemblyNameOf(FileInfo project) =>
        XDocument.Load(project.FullName).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault()
        ?? Path.GetFileNameWithoutExtension(project.Name);

    private static DirectoryInfo FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrbFixtures.sln"))) return dir;
        }
        throw new DirectoryNotFoundException($"No OrbFixtures.sln above {AppContext.BaseDirectory}.");
    }
}
