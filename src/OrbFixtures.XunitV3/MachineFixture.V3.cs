using System.Runtime.ExceptionServices;
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

    // xUnit v3 fails the tests of a fixture that threw from its own runner, without running their test cases, so a
    // machine test could not end its message with the history block nor attach it. The failure is kept instead, and
    // thrown before each test of the scope (below): every test fails with it, and a machine test adds the block and the
    // attachments like any failure. A cancelled run is not a provisioning failure: it still throws.
    private ExceptionDispatchInfo? _provisioningFailure;

    private bool RecordProvisioningFailure(Exception failure)
    {
        _provisioningFailure = ExceptionDispatchInfo.Capture(failure);
        Log("provisioning failed; every test of this fixture's scope fails with its error: " + failure.Message);
        return true;
    }

    /// <summary>Before each test of this fixture's scope: the provisioning failure, if there was one; then, before a machine
    /// test, the opt-in health check (<see cref="OrbFixturesOptions.VerifyBeforeEachTest"/>).</summary>
    async ValueTask INotifyTestLifecycleAsync.OnTestStartingAsync(IXunitTest test)
    {
        _provisioningFailure?.Throw();
        if (test.TestCase is MachineTestCase or MachineTheoryTestCase)
            await VerifyBeforeTestAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    ValueTask INotifyTestLifecycleAsync.OnTestFinishedAsync(IXunitTest test) => ValueTask.CompletedTask;
}
