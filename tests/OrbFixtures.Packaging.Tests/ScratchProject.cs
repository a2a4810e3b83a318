using System.Security;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// An empty xUnit test project in a temporary folder outside the repository, as a user would start one (of the kind
/// <see cref="ScratchTestPlatform"/> names): OrbFixtures packages come only from the packed feed, everything else from
/// nuget.org (or this machine's package cache, which holds the same files). It restores into a private NUGET_PACKAGES
/// folder, so no cached copy of an earlier OrbFixtures package can stand in for the packed one. Deleted on dispose.
/// </summary>
internal sealed class ScratchProject : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("of-scratch-");

    public ScratchProject(string feed, ScratchTestPlatform platform)
    {
        Directory.CreateDirectory(ProjectDirectory);
        File.WriteAllText(Path.Combine(ProjectDirectory, "nuget.config"), NuGetConfig(feed));
        // xUnit v3 test projects are executables; v2 ones get theirs from Microsoft.NET.Test.Sdk.
        var outputType = platform == ScratchTestPlatform.XunitV2 ? "" : "<OutputType>Exe</OutputType>";
        var references = string.Join("\n    ", PackagesOf(platform)
            .Select(p => $"""<PackageReference Include="{p}" Version="{VersionOf(p, platform)}" />"""));
        File.WriteAllText(Path.Combine(ProjectDirectory, "Scratch.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <IsPackable>false</IsPackable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {outputType}
              </PropertyGroup>
              <ItemGroup>
                {references}
              </ItemGroup>
            </Project>
            """);
        // The .NET 10 SDK's dotnet test runs a Microsoft Testing Platform project only when global.json says so.
        if (platform == ScratchTestPlatform.XunitV3OnTestingPlatform)
            File.WriteAllText(Path.Combine(ProjectDirectory, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
    }

    /// <summary>The packages the project references, each at the version the repository pins.</summary>
    private static string[] PackagesOf(ScratchTestPlatform platform) => platform switch
    {
        ScratchTestPlatform.XunitV2 => ["Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio"],
        ScratchTestPlatform.XunitV3OnTestingPlatform => ["xunit.v3"],
        ScratchTestPlatform.XunitV3OnVSTest => ["Microsoft.NET.Test.Sdk", "xunit.v3.mtp-off", "xunit.runner.visualstudio"],
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
    };

    /// <summary>The version the repository pins for <paramref name="package"/>; xUnit v3 on VSTest takes the 4.x VSTest
    /// adapter that the repository's own v3 test projects use.</summary>
    private static string VersionOf(string package, ScratchTestPlatform platform) =>
        platform == ScratchTestPlatform.XunitV3OnVSTest && package == "xunit.runner.visualstudio"
            ? Repository.PackagesProperty("XunitV3RunnerVersion")
            : Repository.PackageVersion(package);

    /// <summary>The project folder (where the README's commands run).</summary>
    public string ProjectDirectory => Path.Combine(_root.FullName, "Scratch.Tests");

    /// <summary>The environment of the commands: no OrbStack configuration from outside, a private package folder, and
    /// the simulator's and the ledger's state inside the scratch folder.</summary>
    public Dictionary<string, string> Environment()
    {
        var environment = ChildProcess.Environment(PackagingEnvironment.StrippedPrefixes);
        environment["NUGET_PACKAGES"] = Path.Combine(_root.FullName, "packages");
        environment["ORBSIM_HOME"] = Path.Combine(_root.FullName, "orbsim");
        environment["ORBFIXTURES_STATE_DIR"] = Path.Combine(_root.FullName, "ledger");
        environment["PATH"] = string.Join(Path.PathSeparator,
            (environment.GetValueOrDefault("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(d => !File.Exists(Path.Combine(d, "orbctl"))));
        return environment;
    }

    /// <summary>Runs a README bash block in the project folder; returns its exit code and output.</summary>
    public Task<ChildProcessResult> RunBashAsync(string script) =>
        ChildProcess.RunAsync("bash", ["-euo", "pipefail", "-c", script], Environment(), ProjectDirectory, TimeSpan.FromMinutes(10));

    public void Dispose()
    {
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string NuGetConfig(string feed)
    {
        // The machine's package cache has the layout of a local feed; using it spares the download of what it holds.
        var cache = PackagingEnvironment.GlobalPackagesFolder;
        var cacheSource = Directory.Exists(cache) ? $"""<add key="cache" value="{SecurityElement.Escape(cache)}" />""" : "";
        var cacheMapping = cacheSource.Length > 0 ? """<packageSource key="cache"><package pattern="*" /></packageSource>""" : "";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="orbfixtures" value="{SecurityElement.Escape(feed)}" />
                {cacheSource}
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="orbfixtures">
                  <package pattern="OrbFixtures" />
                  <package pattern="OrbFixtures.*" />
                </packageSource>
                {cacheMapping}
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """;
    }
}
