using System.Reflection;
using System.Text;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// Two generated xUnit test projects in a temp directory, identical but for one attribute: 200
/// <c>[MachineFact]</c> tests, and 200 <c>[Fact(Skip = "...")]</c> tests. Both compile against the OrbFixtures adapter
/// for <paramref name="xunit"/> this program was built with (its DLLs sit next to this program) and take package
/// versions from the repository's Directory.Packages.props. The v2 suites run on VSTest; the v3 suites are
/// executables run on Microsoft Testing Platform, which the folder's global.json selects for <c>dotnet test</c> (the
/// v3 quick start's setup). Deleted on dispose.
/// </summary>
internal sealed class GeneratedSuites : IDisposable
{
    public const int Tests = 200;
    private const int Classes = 10;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("of-bench-skip-");
    private readonly XunitVersion _xunit;

    public GeneratedSuites(XunitVersion xunit)
    {
        _xunit = xunit;
        Write("Directory.Build.props", $"""
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <IsPackable>false</IsPackable>
                <IsTestProject>true</IsTestProject>
                <SatelliteResourceLanguages>en</SatelliteResourceLanguages>
                {(xunit == XunitVersion.V3 ? "<OutputType>Exe</OutputType>" : "")}
              </PropertyGroup>
            </Project>
            """);
        if (xunit == XunitVersion.V3) Write("global.json", """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        Write("Directory.Packages.props",
            $"<Project><Import Project=\"{Path.Combine(RepositoryRoot, "Directory.Packages.props")}\" /></Project>");
        Write("suites.slnx", $"""
            <Solution>
              <Project Path="{MachineSuite}/{MachineSuite}.csproj" />
              <Project Path="{SkipSuite}/{SkipSuite}.csproj" />
            </Solution>
            """);
        WriteProject(MachineSuite, "[MachineFact]");
        WriteProject(SkipSuite, "[Fact(Skip = \"OrbStack is not installed\")]");
    }

    public static string MachineSuite => "MachineFacts";

    public static string SkipSuite => "SkippedFacts";

    public string Root => _root.FullName;

    public string Solution => Path.Combine(Root, "suites.slnx");

    public string Project(string suite) => Path.Combine(Root, suite, suite + ".csproj");

    /// <summary>The <c>dotnet test</c> arguments that run <paramref name="suite"/> without building it (Microsoft
    /// Testing Platform's <c>dotnet test</c> names the project with <c>--project</c>).</summary>
    public string[] TestArguments(string suite, string configuration) => _xunit == XunitVersion.V3
        ? ["test", "--project", Project(suite), "--no-build", "-c", configuration]
        : ["test", Project(suite), "--no-build", "-c", configuration];

    public void Dispose()
    {
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void WriteProject(string name, string attribute)
    {
        var dlls = AppContext.BaseDirectory;
        var (testPackages, adapter) = _xunit == XunitVersion.V3
            ? ("""<PackageReference Include="xunit.v3" />""", "OrbFixtures.XunitV3")
            : ("""
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <PackageReference Include="xunit" />
                <PackageReference Include="xunit.runner.visualstudio" PrivateAssets="all" />
                <PackageReference Include="Xunit.SkippableFact" />
                """, "OrbFixtures.Xunit");
        Write($"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                {testPackages}
                <PackageReference Include="CliWrap" />
                <PackageReference Include="Polly.Core" />
              </ItemGroup>
              <ItemGroup>
                <Reference Include="OrbFixtures" HintPath="{Path.Combine(dlls, "OrbFixtures.dll")}" />
                <Reference Include="{adapter}" HintPath="{Path.Combine(dlls, adapter + ".dll")}" />
              </ItemGroup>
            </Project>
            """);
        for (var c = 0; c < Classes; c++)
        {
            var code = new StringBuilder();
            code.AppendLine("using OrbFixtures.Xunit;").AppendLine("using Xunit;").AppendLine();
            code.AppendLine($"namespace Generated;").AppendLine().AppendLine($"public class Suite{c:D2}").AppendLine("{");
            for (var t = 0; t < Tests / Classes; t++)
                code.AppendLine($"    {attribute} public void Test_{(c * (Tests / Classes)) + t:D3}() {{ }}");
            code.AppendLine("}");
            Write($"{name}/Suite{c:D2}.cs", code.ToString());
        }
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static string RepositoryRoot { get; } = typeof(GeneratedSuites).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;
}

/// <summary>The xUnit generation a generated suite is written for.</summary>
internal enum XunitVersion
{
    V2,
    V3,
}
