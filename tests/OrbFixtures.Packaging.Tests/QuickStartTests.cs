namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// The README's quick start, followed to the letter in a new project outside the repository that gets OrbFixtures
/// only from the packed packages: its C# blocks become the project's source files and its bash blocks run in order.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class QuickStartTests(PackedPackages packages)
{
    [Fact]
    public async Task The_README_quick_start_builds_from_the_packages_skips_without_OrbStack_and_passes_on_the_packed_simulator()
    {
        var blocks = Readme.In(Readme.QuickStart);
        Assert.Contains(blocks, b => b.Language == "csharp");
        Assert.Contains(blocks, b => b.Language == "bash" && b.Text.Contains("dotnet test", StringComparison.Ordinal));
        using var scratch = new ScratchProject(packages.Feed);

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
                    Assert.Fail($"The quick start has a ```{block.Language} block; this test only knows csharp (source files) and bash (commands).");
                    break;
            }
        }

        // Without OrbStack (no orbctl anywhere) the test is skipped with the reason, never failed.
        var absent = Assert.Single(testRuns, r => !r.Block.Text.Contains("ORBFIXTURES_ORBCTL", StringComparison.Ordinal));
        Assert.True(absent.Summary is { Failed: 0, Passed: 0, Skipped: > 0 }, absent.Output);
        // On the simulator installed from the tool package, it passes.
        var simulated = Assert.Single(testRuns, r => r.Block.Text.Contains("ORBFIXTURES_ORBCTL", StringComparison.Ordinal));
        Assert.True(simulated.Summary is { Failed: 0, Skipped: 0, Passed: > 0 }, simulated.Output);
        Assert.Equal(absent.Summary.Skipped, simulated.Summary.Passed);
    }
}
