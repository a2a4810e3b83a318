namespace OrbFixtures.Packaging.Tests;

/// <summary>What the scratch runs must not inherit from the outer <c>dotnet test</c>.</summary>
internal static class PackagingEnvironment
{
    // The outer dotnet test sets MSBuild and VSTest variables for its own children; a nested SDK must find its own, use
    // its own package folder, and see nothing configured for this run.
    public static readonly string[] StrippedPrefixes =
        ["ORBFIXTURES_", "ORBSIM_", "VSTEST_", "MSBuild", "MSBUILD", "_MSBUILD", "NUGET_PACKAGES", "DOTNET_HOST_PATH"];

    /// <summary>This machine's NuGet package folder, as the outer build uses it: NUGET_PACKAGES when set, else NuGet's
    /// default under the user's home.</summary>
    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
