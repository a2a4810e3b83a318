using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit.Tests;

public sealed class MachineTestPreconditionTests
{
    private static readonly OrbStackAvailability s_absent =
        new(false, null, null, "OrbStack is not available: orbctl was not found. Searched: PATH.", ["PATH"]);

    private static readonly OrbStackAvailability s_present =
        new(true, "/sim/orbctl", OrbCtl.OrbStackStatus.Running, "OrbStack is running.", ["PATH"]);

    private sealed class Stack(IMessageSink sink) : MachineFixture(sink)
    {
        protected override IEnumerable<MachineSpec> Machines => [MachineSpec.Create("db", "ubuntu")];
    }

    /// <summary>A fixture initialized against an absent OrbStack (it records the answer and provisions nothing).</summary>
    private static async Task<Stack> FixtureWithoutOrbStack(Dictionary<string, string?> environment)
    {
        var fixture = new Stack(new NullMessageSink())
        {
            Environment = environment,
            Probe = _ => Task.FromResult(s_absent),
            CreateProvisioner = _ => throw new InvalidOperationException("must not provision when OrbStack is absent"),
        };
        await fixture.InitializeAsync();
        return fixture;
    }

    private static Task<MachineTestPrecondition> Evaluate(OrbFixturesOptions options, OrbStackAvailability answer) =>
        MachineTestPrecondition.EvaluateAsync([], () => options, _ => Task.FromResult(answer));

    [Fact]
    public async Task Present_OrbStack_lets_the_test_run()
    {
        var verdict = await Evaluate(new OrbFixturesOptions(), s_present);

        Assert.Null(verdict.SkipReason);
        Assert.Null(verdict.Failure);
    }

    [Fact]
    public async Task Absent_OrbStack_skips_with_the_probe_reason()
    {
        var verdict = await Evaluate(new OrbFixturesOptions(), s_absent);

        Assert.Equal(s_absent.Reason, verdict.SkipReason);
        Assert.Null(verdict.Failure);
    }

    [Fact]
    public async Task Absent_OrbStack_fails_with_the_same_reason_when_required()
    {
        var verdict = await Evaluate(new OrbFixturesOptions { Require = true }, s_absent);

        Assert.Null(verdict.SkipReason);
        var failure = Assert.IsType<OrbStackUnavailableException>(verdict.Failure);
        Assert.Contains("ORBFIXTURES_REQUIRE=true", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith(s_absent.Reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_configuration_fails_with_the_configuration_error()
    {
        var verdict = await MachineTestPrecondition.EvaluateAsync([],
            () => OrbFixturesConfiguration.FromEnvironment(null, new Dictionary<string, string?> { ["ORBFIXTURES_CLEANUP"] = "shred" }),
            _ => throw new InvalidOperationException("must not probe with a broken configuration"));

        var failure = Assert.IsType<OrbFixturesConfigurationException>(verdict.Failure);
        Assert.Equal("ORBFIXTURES_CLEANUP", failure.Key);
    }

    [Fact]
    public async Task A_fixture_that_recorded_an_absent_OrbStack_skips_its_machine_tests_with_that_reason_without_probing_again()
    {
        var fixture = await FixtureWithoutOrbStack([]);

        var verdict = await MachineTestPrecondition.EvaluateAsync(["other argument", fixture],
            () => throw new InvalidOperationException("must follow the fixture's options"),
            _ => throw new InvalidOperationException("must follow the fixture's answer"));

        Assert.Equal(s_absent.Reason, verdict.SkipReason);
        Assert.Null(verdict.Failure);
    }

    [Fact]
    public async Task A_fixture_that_recorded_an_absent_OrbStack_under_require_fails_its_machine_tests_with_the_unavailable_error()
    {
        var fixture = await FixtureWithoutOrbStack(new() { ["ORBFIXTURES_REQUIRE"] = "true" });

        var verdict = await MachineTestPrecondition.EvaluateAsync([fixture],
            () => throw new InvalidOperationException("must follow the fixture's options"),
            _ => throw new InvalidOperationException("must follow the fixture's answer"));

        Assert.Null(verdict.SkipReason);
        var failure = Assert.IsType<OrbStackUnavailableException>(verdict.Failure);
        Assert.Same(s_absent, failure.Availability);
    }
}
