using Xunit;

namespace OrbFixtures.Xunit;

public abstract partial class MachineFixture
{
    // On v3 the fixture is created inside the run: its context's token is cancelled when the run is (Ctrl-C,
    // --timeout, an IDE's stop), which kills the orbctl processes of provisioning at once. Teardown never takes it, so
    // the cleanup policy still applies after a cancelled run.
    private static CancellationToken RunCancellationToken => TestContext.Current.CancellationToken;
}
