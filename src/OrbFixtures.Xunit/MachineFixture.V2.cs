namespace OrbFixtures.Xunit;

public abstract partial class MachineFixture
{
    // xUnit v2 gives a fixture no cancellation token: provisioning is bounded by the operation timeouts alone.
    private static CancellationToken RunCancellationToken => CancellationToken.None;

    // xUnit v2 hands a fixture's error to every test case of its scope, which adds the machines' histories: it is thrown.
    private static bool RecordProvisioningFailure(Exception failure) => false;
}
