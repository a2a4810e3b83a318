using OrbFixtures.Availability;
using Xunit;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>Nested runs of MachineSuite on a machine without OrbStack: orbctl configured to a missing path, none on PATH.</summary>
public sealed class WithoutOrbStackTests
{
    private const string Nowhere = "/nonexistent/orbstack/bin/orbctl";

    private static Dictionary<string, string> Absent(params (string Key, string Value)[] more)
    {
        var variables = new Dictionary<string, string>
        {
            ["ORBFIXTURES_ORBCTL"] = Nowhere,
            ["PATH"] = NestedEnvironment.PathWithoutOrbctl(),
        };
        foreach (var (key, value) in more) variables[key] = value;
        return variables;
    }

    /// <summary>What the probe of a nested run answers: <see cref="Nowhere"/> configured, no orbctl on its PATH (the
    /// locations searched, and so the reason, are those of the nested run's environment).</summary>
    private static OrbStackAvailability Absence()
    {
        var check = new OrbStackAvailabilityCheck(new OrbFixturesOptions { OrbctlPath = Nowhere },
            new OrbctlLocator(_ => false, NestedEnvironment.PathWithoutOrbctl(), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)),
            _ => throw new InvalidOperationException("orbctl is absent: nothing to run"));
        return check.NotFound(check.Locate());
    }

    /// <summary>How the TRX reports a machine test that fails because OrbStack is required but absent.</summary>
    private static string RequiredButAbsent() =>
        typeof(OrbStackUnavailableException).FullName + " : " + new OrbStackUnavailableException(Absence()).Message;

    private static (List<TrxResult> Machine, List<TrxResult> Plain) Split(NestedRunResult run) =>
        (run.Results.Where(r => !r.Name.EndsWith("_plain", StringComparison.Ordinal)).ToList(),
         run.Results.Where(r => r.Name.EndsWith("_plain", StringComparison.Ordinal)).ToList());

    [Fact]
    public async Task Every_machine_test_is_skipped_with_a_reason_that_says_what_was_searched_and_how_to_fix_it()
    {
        using var workspace = await NestedWorkspace.CreateAsync();

        var run = await workspace.RunAsync(NestedProjects.MachineSuite, Absent());

        var (machine, plain) = Split(run);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(18, machine.Count); // fixture collections (db, broken, fresh), fixture-less machine tests, run-time theory rows
        Assert.All(machine, r =>
        {
            Assert.True(r.Skipped, $"{r.Name} was {r.Outcome}: {r.Message}");
            Assert.Equal(Absence().Reason, r.Message);
        });
        Assert.Equal(3, plain.Count(r => r.Passed));
        Assert.Equal(["Alpha_plain", "Zulu_plain"], workspace.ReadOrderLog()); // no machine test body ran
    }

    [Fact]
    public async Task A_plain_Fact_beside_machine_tests_that_use_a_MachineFixture_runs_and_passes_and_the_machine_tests_are_skipped()
    {
        using var workspace = await NestedWorkspace.CreateAsync();

        var run = await workspace.RunAsync(NestedProjects.MachineSuite, Absent(), filter: "FullyQualifiedName~DbTests");

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.True(run["DbTests.Beside_the_machine_tests_plain"].Passed, run.Describe());
        var machine = run.In("DbTests").Where(r => !r.Name.EndsWith("_plain", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, machine.Count); // Runs_a_command_in_db, two Exit_codes_come_back rows, Skip_If_still_skips, Fails_on_request
        Assert.All(machine, r =>
        {
            Assert.True(r.Skipped, $"{r.Name} was {r.Outcome}: {r.Message}");
            Assert.Equal(Absence().Reason, r.Message);
        });
    }

    [Fact]
    public async Task With_require_a_plain_Fact_beside_machine_tests_still_passes_and_only_the_machine_tests_fail()
    {
        using var workspace = await NestedWorkspace.CreateAsync();

        var run = await workspace.RunAsync(NestedProjects.MachineSuite, Absent(("ORBFIXTURES_REQUIRE", "true")),
            filter: "FullyQualifiedName~DbTests");

        // The fixture did not fail (that would fail every test of its collection, the plain one too).
        Assert.True(run["DbTests.Beside_the_machine_tests_plain"].Passed, run.Describe());
        var machine = run.In("DbTests").Where(r => !r.Name.EndsWith("_plain", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, machine.Count);
        Assert.All(machine, r =>
        {
            Assert.True(r.Failed, $"{r.Name} was {r.Outcome}: {r.Message}");
            Assert.StartsWith(RequiredButAbsent(), r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task With_require_every_machine_test_fails_with_the_same_reason()
    {
        using var workspace = await NestedWorkspace.CreateAsync();

        var run = await workspace.RunAsync(NestedProjects.MachineSuite, Absent(("ORBFIXTURES_REQUIRE", "true")));

        var (machine, plain) = Split(run);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(18, machine.Count);
        Assert.All(machine, r =>
        {
            Assert.True(r.Failed, $"{r.Name} was {r.Outcome}: {r.Message}");
            Assert.StartsWith(RequiredButAbsent(), r.Message, StringComparison.Ordinal);
        });
        Assert.All(plain, r => Assert.True(r.Passed, r.Message));
    }

    [Fact]
    public async Task An_invalid_timeout_fails_every_machine_test_with_one_clear_configuration_error()
    {
        using var workspace = await NestedWorkspace.CreateAsync();

        var run = await workspace.RunAsync(NestedProjects.MachineSuite, Absent(("ORBFIXTURES_TIMEOUT_CREATE", "banana")));

        var (machine, plain) = Split(run);
        Assert.Equal(18, machine.Count);
        // Bad configuration is not an absent OrbStack: the fixture itself fails, so the plain test beside its machine
        // tests fails with the same error; plain tests elsewhere pass.
        var besideTheFixture = run["DbTests.Beside_the_machine_tests_plain"];
        Assert.All(machine.Append(besideTheFixture), r =>
        {
            Assert.True(r.Failed, $"{r.Name} was {r.Outcome}: {r.Message}");
            Assert.Equal(
                "OrbFixtures.OrbFixturesConfigurationException : Invalid OrbFixtures configuration: ORBFIXTURES_TIMEOUT_CREATE='banana'. " +
                "Expected a duration from 10 ms to 24 h: seconds (e.g. 300 or 0.5) or hh:mm:ss (e.g. 00:05:00).",
                r.Message);
        });
        Assert.All(plain.Where(r => r != besideTheFixture), r => Assert.True(r.Passed, r.Message));
    }
}
