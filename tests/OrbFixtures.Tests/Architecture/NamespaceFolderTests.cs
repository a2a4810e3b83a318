using System.Text.RegularExpressions;
using Xunit;

namespace OrbFixtures.Tests.Architecture;

/// <summary>Namespaces follow folders in every product project: a file's namespace is the project's root namespace
/// (its <c>RootNamespace</c>, else its folder name) plus its folder path, so where a type lives says which layer it belongs
/// to. (OrbFixtures.XunitV3 sets <c>RootNamespace</c> to <c>OrbFixtures.Xunit</c>: both packages offer the same names in
/// the same namespace, so moving a suite from v2 to v3 is a package swap.)</summary>
public sealed partial class NamespaceFolderTests
{
    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        var checkedFiles = 0;
        var wrong = new List<string>();
        foreach (var project in ProductAssemblies.SourceProjects())
        {
            var root = RootNamespace(project);
            foreach (var file in SourceFiles(project))
            {
                checkedFiles++;
                var relative = Path.GetRelativePath(project.FullName, file);
                var folder = Path.GetDirectoryName(relative)!;
                var expected = folder.Length == 0 ? root : root + "." + folder.Replace(Path.DirectorySeparatorChar, '.');
                var declared = NamespaceDeclaration().Match(File.ReadAllText(file));
                if (!declared.Success)
                {
                    // An executable's top-level program and a file of global usings have no namespace; they must sit at
                    // the project root.
                    if (folder.Length == 0 && Path.GetFileName(file) is "Program.cs" or "GlobalUsings.cs") continue;
                    wrong.Add($"src/{project.Name}/{relative.Replace('\\', '/')} declares no namespace (expected {expected})");
                }
                else if (declared.Groups["name"].Value != expected)
                {
                    wrong.Add($"src/{project.Name}/{relative.Replace('\\', '/')} declares {declared.Groups["name"].Value}, its folder says {expected}");
                }
            }
        }

        Assert.True(checkedFiles > 100, $"only {checkedFiles} source files were found under src/");
        Assert.True(wrong.Count == 0, "Namespace and folder disagree (move the file or fix its namespace):\n" + string.Join("\n", wrong));
    }

    private static string RootNamespace(DirectoryInfo project)
    {
        var csproj = File.ReadAllText(Path.Combine(project.FullName, project.Name + ".csproj"));
        return RootNamespaceProperty().Match(csproj) is { Success: true } m ? m.Groups["name"].Value : project.Name;
    }

    // Build output (bin/, obj/) holds generated files that follow no folder.
    private static IEnumerable<string> SourceFiles(DirectoryInfo project) =>
        Directory.EnumerateFiles(project.FullName, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(project.FullName, f).Split(Path.DirectorySeparatorChar)[0] is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal);

    [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"<RootNamespace>(?<name>[\w.]+)</RootNamespace>")]
    private static partial Regex RootNamespaceProperty();
}
