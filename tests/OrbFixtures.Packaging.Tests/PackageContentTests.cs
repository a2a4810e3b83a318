using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OrbFixtures.Packaging.Tests;

/// <summary>What <c>dotnet pack</c> puts in each package: the metadata nuget.org shows and the files a user needs.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageContentTests(PackedPackages packages)
{
    [Theory]
    [InlineData("OrbFixtures")]
    [InlineData("OrbFixtures.Xunit")]
    [InlineData("OrbFixtures.XunitV3")]
    [InlineData("OrbFixtures.Simulator")]
    public void Every_package_has_a_readme_a_license_expression_and_repository_metadata(string id)
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(id));
        var metadata = Metadata(package);

        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("expression", (string?)metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.NotNull(package.GetEntry("README.md"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://github.com/", (string?)repository.Attribute("url"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OrbFixtures")]
    [InlineData("OrbFixtures.Xunit")]
    [InlineData("OrbFixtures.XunitV3")]
    public void The_libraries_ship_their_XML_docs_and_a_symbols_package(string id)
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(id));

        Assert.NotNull(package.GetEntry($"lib/net8.0/{id}.dll"));
        Assert.NotNull(package.GetEntry($"lib/net8.0/{id}.xml"));
        Assert.True(File.Exists(Path.ChangeExtension(packages.PackagePath(id), ".snupkg")), $"no symbols package next to {packages.PackagePath(id)}");
    }

    [Theory]
    [InlineData("OrbFixtures.Xunit")]
    [InlineData("OrbFixtures.XunitV3")]
    public void The_xunit_packages_depend_on_the_engine_package_of_the_same_version(string id)
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(id));
        var metadata = Metadata(package);

        var engine = metadata.Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "OrbFixtures");
        Assert.Equal(Value(metadata, "version"), (string?)engine.Attribute("version"));
    }

    [Fact]
    public void The_v3_package_depends_on_xunits_extensibility_package_only_never_on_the_test_framework_itself()
    {
        using var package = ZipFile.OpenRead(packages.PackagePath("OrbFixtures.XunitV3"));

        var xunit = Metadata(package).Descendants()
            .Where(e => e.Name.LocalName == "dependency" && ((string?)e.Attribute("id"))?.StartsWith("xunit", StringComparison.OrdinalIgnoreCase) == true)
            .Select(e => (string?)e.Attribute("id"))
            .Distinct()
            .ToList();
        Assert.Equal(["xunit.v3.extensibility.core"], xunit);
    }

    [Fact]
    public void The_v3_package_needs_the_xunit_v3_version_the_README_states_or_later()
    {
        using var package = ZipFile.OpenRead(packages.PackagePath("OrbFixtures.XunitV3"));

        // NuGet enforces this floor on the user's project: xunit.v3 4.0.3 or later, no 3.x.
        var floor = Metadata(package).Descendants()
            .Where(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "xunit.v3.extensibility.core")
            .Select(e => (string?)e.Attribute("version"))
            .Distinct();
        var version = Assert.Single(floor);
        Assert.Equal(Repository.PackageVersion("xunit.v3.extensibility.core"), version);
        Assert.StartsWith("4.", version, StringComparison.Ordinal);
        // The support table states the floor once, in bold: the same version.
        var stated = Regex.Match(Readme.Text, @"\*\*(?<floor>[0-9.]+) or later 4\.x\*\*");
        Assert.True(stated.Success, "the README's support table states no xunit.v3 floor");
        Assert.Equal(version, stated.Groups["floor"].Value);
    }

    [Fact]
    public void The_simulator_is_a_dotnet_tool_called_orbctl_sim_that_points_to_a_native_build_and_a_portable_fallback()
    {
        using var package = ZipFile.OpenRead(packages.PackagePath("OrbFixtures.Simulator"));

        Assert.Contains(Metadata(package).Descendants(), e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");
        var settings = ToolSettings(package);
        Assert.Equal("orbctl-sim", (string?)settings.Descendants("Command").Single().Attribute("Name"));
        var runtimes = settings.Descendants("RuntimeIdentifierPackage")
            .ToDictionary(e => (string?)e.Attribute("RuntimeIdentifier") ?? "", e => (string?)e.Attribute("Id"));
        Assert.Equal("OrbFixtures.Simulator.any", runtimes["any"]);
        var native = Assert.Single(runtimes, r => r.Key != "any");
        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, native.Key);

        // The fallback is the framework-dependent build; the runtime's package is a NativeAOT executable, no assembly.
        using var portable = ZipFile.OpenRead(RuntimePackage("any"));
        Assert.Equal("orbctl.dll", (string?)ToolSettings(portable).Descendants("Command").Single().Attribute("EntryPoint"));
        using var aot = ZipFile.OpenRead(RuntimePackage(native.Key));
        Assert.Equal("orbctl", (string?)ToolSettings(aot).Descendants("Command").Single().Attribute("EntryPoint"));
        Assert.DoesNotContain(aot.Entries, e => e.FullName.EndsWith("/orbctl.dll", StringComparison.Ordinal));
    }

    private string RuntimePackage(string runtime) =>
        Assert.Single(Directory.GetFiles(packages.Feed, $"OrbFixtures.Simulator.{runtime}.*.nupkg"));

    private static XDocument ToolSettings(ZipArchive package)
    {
        var settings = package.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using var stream = settings.Open();
        return XDocument.Load(stream);
    }

    private static XElement Metadata(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Value(XElement metadata, string name) =>
        (string?)metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);
}
