namespace OrbFixtures.Xunit;

public abstract partial class MachineFixture
{
    // xUnit v2 gives a fixture no cancellation token: provisioning is bounded by the operation timeouts alone.
    private static CancellationToken RunCancellationToken => CancellationToken.None;
}
