using System.Reflection;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>
/// The fixture projects under tests/Fixtures (Fixtures.sln), built once per test process (a no-op when up to date) with this
/// build's configuration, then run many times with <c>dotnet test --no-build</c> semantics (on the built DLL).
/// </summary>
internal static class NestedProjects
{
    public const string MachineSuite = "MachineSuite";
    public const string OrdererScopes = "OrdererScopes";
    public const string MachineSuiteV3 = "MachineSuiteV3";
    public const string CancelSuiteV3 = "CancelSuiteV3";

    private static readonly Lazy<Task<IReadOnlyDictionary<string, string>>> s_built = new(BuildAllAsync);

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("BuildConfiguration");

    public static async Task<string> DllAsync(string project) => (await s_built.Value)[project];

    private static async Task<IReadOnlyDictionary<string, string>> BuildAllAsync()
    {
        // One build of tests/Fixtures/Fixtures.sln (the fixture projects and the src projects they reference); no build
        // servers, so nothing outlives the build.
        var fixtures = Path.Combine(RepositoryRoot, "tests", "Fixtures");
        var (exitCode, output, _) = await ChildProcess.RunAsync(ChildProcess.Dotnet,
            ["build", Path.Combine(fixtures, "Fixtures.sln"), "-c", Configuration, "--disable-build-servers", "-nologo", "-v", "q"],
            NestedEnvironment.Base(), fixtures, TimeSpan.FromMinutes(5));
        if (exitCode != 0) throw new InvalidOperationException($"Building the nested fixture projects failed ({exitCode}):\n{output}");
        return new[] { MachineSuite, OrdererScopes, MachineSuiteV3, CancelSuiteV3 }.ToDictionary(p => p,
            p => Path.Combine(fixtures, p, "bin", Configuration, "net10.0", p + ".dll"));
    }

    private static string Metadata(string key) =>
        typeof(NestedProjects).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
