using OrbFixtures.TestSupport;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>The environment of nested runs: this process's, minus anything that would leak configuration into them.</summary>
internal static class NestedEnvironment
{
    // The outer dotnet test sets MSBuild and VSTest variables for its own children; a nested SDK must find its own.
    private static readonly string[] s_strippedPrefixes =
        ["ORBFIXTURES_", "ORBSIM_", "MACHINESUITE_", "VSTEST_", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "_MSBUILDTLENABLED"];

    public static Dictionary<string, string> Base() => ChildProcess.Environment(s_strippedPrefixes);

    /// <summary>PATH without any directory that holds an <c>orbctl</c>, so "OrbStack absent" is guaranteed.</summary>
    public static string PathWithoutOrbctl() => string.Join(Path.PathSeparator,
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(d => !File.Exists(Path.Combine(d, "orbctl"))));
}
