namespace OrbFixtures.Packaging.Tests;

/// <summary>What the scratch runs must not inherit from the outer <c>dotnet test</c>.</summary>
internal static class PackagingEnvironment
{
    // The outer dotnet test sets MSBuild and VSTest variables for its own children; a nested SDK must find its own, use
    // its own package folder, and see nothing configured for this run.
    public static readonly string[] StrippedPrefixes =
        ["ORBFIXTURES_", "ORBSIM_", "VSTEST_", "MSBuild", "MSBUILD", "_MSBUILD", "NUGET_PACKAGES", "DOTNET_HOST_PATH"];
}
