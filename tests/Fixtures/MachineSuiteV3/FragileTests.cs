using System.Diagnostics;
using OrbFixtures.Xunit;
using Xunit;

namespace MachineSuite;

/// <summary>
/// The per-test health check's scenario: the first test deletes its machine with orbctl behind the suite's back; the
/// second, a machine test, then fails at once (with <c>ORBFIXTURES_VERIFY_BEFORE_TEST=true</c>) with the machine's history.
/// </summary>
[Collection(FragileCollection.Name)]
public sealed class FragileTests(FragileStack stack, ITestOutputHelper output) : MachineTest<FragileStack>(stack, output)
{
    [MachineFact(Order = 1)]
    public async Task First_deletes_its_machine_by_hand()
    {
        var orbctl = Environment.GetEnvironmentVariable("ORBFIXTURES_ORBCTL")!;
        using var delete = Process.Start(new ProcessStartInfo(orbctl) { ArgumentList = { "delete", "-f", this["fragile"].Name } })!;
        await delete.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, delete.ExitCode);
    }

    [MachineFact(Order = 2)]
    public void Second_finds_it_gone() => SuiteLog.Write(nameof(Second_finds_it_gone));
}
