using OrbFixtures.Diagnostics;

namespace OrbFixtures.Xunit;

/// <summary>
/// Something a test receives through its constructor (a fixture) that holds machines. When a machine test fails,
/// the attempt history of every source among its constructor arguments — and the commands the test ran in their
/// machines — is appended to the failure message. <see cref="MachineFixture"/> implements it.
/// </summary>
public interface IMachineDiagnosticsSource
{
    /// <summary>The attempt histories of every machine this source asked for, ready or not.</summary>
    IReadOnlyList<AttemptHistory> AttemptHistories { get; }

    /// <summary>The machines that became ready.</summary>
    IReadOnlyCollection<Machine> ReadyMachines { get; }
}
