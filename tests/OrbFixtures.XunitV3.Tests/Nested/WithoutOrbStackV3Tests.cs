using OrbFixtures.Xunit.Tests.Nested;
using Xunit;

namespace OrbFixtures.XunitV3.Tests.Nested;

/// <summary>Nested runs of the v3 fixture project on a machine without OrbStack: orbctl configured to a missing path, none on PATH.</summary>
public sealed class WithoutOrbStackV3Tests
{
    private static Dictionary<string, string> Absent(params (string Key, string Value)[] more)
    {
        var variables = new Dictionary<string, string>
        {
            ["ORBFIXTURES_ORBCTL"] = "/nonexistent/orbstack/bin/orbctl",
            ["PATH"] = NestedEnvironment.PathWithoutOrbctl(),
        };
        foreach (var (key, value) in more) variables[key] = value;
        return variables;
    }

    private static (List<TrxResult> Machine, List<TrxResult> Plain) Split(NestedRunResult run) =>
        (run.Results.Where(r => !r.Name.EndsWith("_plain", StringComparison.Ordinal)).ToList(),
         run.Results.Where(r => r.Name.EndsWith("_plain", StringComparison.Ordinal)).ToList());

    [Fact]
    public async Task Without_OrbStack_every_v3_machine_test_is_skipped_through_v3s_own_skip_and_the_plain_facts_pass()
    {
        using var workspace = await NestedWorkspace.CreateAsync();

        var run = await workspace.RunAsync(NestedProjects.MachineSuiteV3, Absent(), filter: "FullyQualifiedName!~FragileTests");

        Assert.True(run.ExitCode == 0, run.Describe());
        var (machine, plain) = Split(run);
        Assert.Equal(3, plain.Count);
        Assert.All(plain, r => Assert.True(r.Passed, $"{r.Name} was {r.Outcome}: {r.Message}"));
        Assert.NotEmpty(machine);
        Assert.All(machine, r => Assert.True(r.Skipped, $"{r.Name} was {r.Outcome}: {r.Message}"));
        // Every skip of a machine test gives the same reason: the probe's answer (the one Assert.Skip test aside).
        Assert.Single(machine.Where(r => !r.Name.EndsWith("Assert_Skip_still_skips", StringComparison.Ordinal)).Select(r => r.Message).Distinct());
        Assert.Equal(["Alpha_plain", "Zulu_plain"], workspace.ReadOrderLog());
    }

    [Fact]
    public async Task Without_OrbStack_and_required_every_v3_machine_test_fails_and_the_plain_facts_still_pass()
    {
        using var workspace = await NestedWorkspace.CreateAsync();

        var run = await workspace.RunAsync(NestedProjects.MachineSuiteV3, Absent(("ORBFIXTURES_REQUIRE", "true")),
            filter: "FullyQualifiedName!~FragileTests");

        Assert.NotEqual(0, run.ExitCode);
        var (machine, plain) = Split(run);
        Assert.All(plain, r => Assert.True(r.Passed, $"{r.Name} was {r.Outcome}: {r.Message}"));
        Assert.NotEmpty(machine);
        Assert.All(machine, r =>
        {
            Assert.True(r.Failed, $"{r.Name} was {r.Outcome}: {r.Message}");
            Assert.StartsWith(typeof(OrbStackUnavailableException).FullName!, r.Message, StringComparison.Ordinal);
        });
    }
}
