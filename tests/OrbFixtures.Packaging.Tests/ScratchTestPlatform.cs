namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// The kinds of new test project a user starts from, each the way its framework's documentation sets it up; the
/// README's quick starts are followed in each (<see cref="QuickStartTests"/>).
/// </summary>
public enum ScratchTestPlatform
{
    /// <summary>xUnit v2 on VSTest (<c>xunit</c>, <c>xunit.runner.visualstudio</c>, <c>Microsoft.NET.Test.Sdk</c>), as
    /// <c>dotnet new xunit</c> makes it.</summary>
    XunitV2,

    /// <summary>xUnit v3 on Microsoft Testing Platform: <c>xunit.v3</c> in an executable project, and a
    /// <c>global.json</c> whose <c>test</c> runner is <c>Microsoft.Testing.Platform</c>, which the .NET 10 SDK's
    /// <c>dotnet test</c> needs to run it.</summary>
    XunitV3OnTestingPlatform,

    /// <summary>xUnit v3 on VSTest: <c>xunit.v3.mtp-off</c> with <c>xunit.runner.visualstudio</c> and
    /// <c>Microsoft.NET.Test.Sdk</c>, for suites that keep VSTest (<c>.runsettings</c>, coverlet.collector).</summary>
    XunitV3OnVSTest,
}
