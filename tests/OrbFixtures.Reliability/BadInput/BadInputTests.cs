using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Reliability.BadInput;

/// <summary>
/// Bad input (names, distros, architectures, commands, configuration values, cloud-init files) gets a typed error
/// naming the value and the rule before any orbctl process starts: the simulator's invocation log stays empty.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public sealed class BadInputTests(ReliabilityTally tally)
{
    public static TheoryData<string> Cases => [.. BadInputCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_rejected_with_a_typed_error_before_any_orbctl_call(string input)
    {
        var bad = BadInputCases.All[input];
        using var sandbox = new SimulatorSandbox();

        await Counted.RunAsync(tally.BadInput, async () =>
        {
            var error = await Record.ExceptionAsync(() => bad.Attempt(new BadInputBench(sandbox)));

            Assert.NotNull(error);
            Assert.IsType(bad.Expected, error);
            foreach (var mention in bad.Mentions) Assert.Contains(mention, error.Message, StringComparison.Ordinal);
            Assert.Empty(sandbox.ReadLog());
        });
    }
}
