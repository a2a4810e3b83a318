using Xunit;

namespace OrbFixtures.Xunit.Tests;

public sealed class MachineTestPreconditionTests
{
    private static readonly OrbStackAvailability s_absent =
        new(false, null, null, "OrbStack is not available: orbctl was not found. Searched: PATH.", ["PATH"]);

    private static readonly OrbStackAvailability s_present =
        new(true, "/sim/orbctl", OrbCtl.OrbStackStatus.Running, "OrbStack is running.", ["PATH"]);

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
        Assert.Same(s_absent, failure.Availability);
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
}
