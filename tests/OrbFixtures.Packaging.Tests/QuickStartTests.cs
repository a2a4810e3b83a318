namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// The README's quick starts, followed to the letter in a new project outside the repository that gets OrbFixtures
/// only from the packed packages: their C# blocks become the project's source files and their bash blocks run in
/// order. The v3 quick start is followed twice, in a project on Microsoft Testing Platform and in one on VSTest.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class QuickStartTests(PackedPackages packages)
{
    [Theory]
    [InlineData(ScratchTestPlatform.XunitV3OnTestingPlatform)]
    [InlineData(ScratchTestPlatform.XunitV3OnVSTest)]
    public Task The_README_v3_quick_start_builds_from_the_packages_skips_without_OrbStack_and_passes_on_the_packed_simulator(
        ScratchTestPlatform platform) =>
        FollowAsync(Readme.QuickStart, platform);

    [Fact]
    public Task The_README_v2_quick_start_builds_from_the_packages_skips_without_OrbStack_and_passes_on_the_packed_simulator() =>
        FollowAsync(Readme.ExistingV2Suites, ScratchTestPlatform.XunitV2);

    private async Task FollowAsync(string section, ScratchTestPlatform platform)
    {
        var blocks = Readme.In(section);
        Assert.Contains(blocks, b => b.Language == "csharp");
        Assert.Contains(blocks, b => b.Language == "bash" && b.Text.Contains("dotnet test", StringComparison.Ordinal));
        using var scratch = new ScratchProject(packages.Feed, platform);

        var sourceFiles = 0;
        var testRuns = new List<(FencedBlock Block, TestRunSummary Summary, string Output)>();
        foreach (var block in blocks)
        {
            switch (block.Language)
            {
                case "csharp":
                    await File.WriteAllTextAsync(Path.Combine(scratch.ProjectDirectory, $"QuickStart{++sourceFiles}.cs"), block.Text);
                    break;
                case "bash":
                    var (exitCode, output, _) = await scratch.RunBashAsync(block.Text);
                    Assert.True(exitCode == 0, $"The quick-start commands\n{block.Text}exited {exitCode}:\n{output}");
                    if (block.Text.Contains("dotnet test", StringComparison.Ordinal)) testRuns.Add((block, TestRunSummary.Parse(output), output));
                    break;
                default:
                    Assert.Fail($"'{section}' has a ```{block.Language} block; this test only knows csharp (source files) and bash (commands).");
                    break;
            }
        }

        // The runs went through the platform the project was set up for (MTP needs its global.json, mtp-off keeps VSTest).
        var runner = platform == ScratchTestPlatform.XunitV3OnTestingPlatform ? TestRunner.TestingPlatform : TestRunner.VSTest;
        Assert.All(testRuns, r => Assert.True(r.Summary.Runner == runner, $"expected {runner}, got {r.Summary.Runner}:\n{r.Output}"));
        // Without OrbStack (no orbctl anywhere) the tests are skipped with the reason, never failed.
        var absent = Assert.Single(testRuns, r => !r.Block.Text.Contains("ORBFIXTURES_ORBCTL", StringComparison.Ordinal));
        Assert.True(absent.Summary is { Failed: 0, Passed: 0, Skipped: > 0 }, absent.Output);
        // On the simulator installed from the tool package, they pass.
        var simulated = Assert.Single(testRuns, r => r.Block.Text.Contains("ORBFIXTURES_ORBCTL", StringComparison.Ordinal));
        Assert.True(simulated.Summary is { Failed: 0, Skipped: 0, Passed: > 0 }, simulated.Output);
        Assert.Equal(absent.Summary.Skipped, simulated.Summary.Passed);
    }
}
