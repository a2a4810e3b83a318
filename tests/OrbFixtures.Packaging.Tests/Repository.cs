using System.Reflection;
using System.Xml.Linq;

namespace OrbFixtures.Packaging.Tests;

/// <summary>The repository these tests were built from: its root, its files and its central package versions.</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The version <c>Directory.Packages.props</c> pins for <paramref name="package"/>.</summary>
    public static string PackageVersion(string package) =>
        XDocument.Load(PathOf("Directory.Packages.props")).Descendants("PackageVersion")
            .Where(p => (string?)p.Attribute("Include") == package)
            .Select(p => (string?)p.Attribute("Version"))
            .SingleOrDefault() ?? throw new InvalidOperationException($"Directory.Packages.props pins no version of {package}.");

    /// <summary>The value of the MSBuild property <paramref name="name"/> that <c>Directory.Packages.props</c> sets.</summary>
    public static string PackagesProperty(string name) =>
        XDocument.Load(PathOf("Directory.Packages.props")).Descendants(name).Select(p => p.Value).SingleOrDefault()
            ?? throw new InvalidOperationException($"Directory.Packages.props sets no property {name}.");
}
