using Xunit;

namespace OrbFixtures.Xunit;

// On v3 a fixture hears about every test of its scope (collection, class or assembly) through 4.x's lifecycle
// notifications: the opt-in health check runs there, before each machine test, and its error fails that test.
public abstract partial class MachineFixture : INotifyTestLifecycleAsync
{
    // The fixture is created inside the run: its context's token is cancelled when the run is (Ctrl-C, --timeout, an
    // IDE's stop), which kills the orbctl processes of provisioning at once. Teardown never takes it, so the cleanup
    // policy still applies after a cancelled run.
    private static CancellationToken RunCancellationToken => TestContext.Current.CancellationToken;

    /// <summary>Before each machine test of this fixture's scope: the opt-in health check
    /// (<see cref="OrbFixturesOptions.VerifyBeforeEachTest"/>).</summary>
    async ValueTask INotifyTestLifecycleAsync.OnTestStartingAsync(IXunitTest test)
    {
        if (test.TestCase is MachineTestCase or MachineTheoryTestCase)
            await VerifyBeforeTestAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    ValueTask INotifyTestLifecycleAsync.OnTestFinishedAsync(IXunitTest test) => ValueTask.CompletedTask;
}
