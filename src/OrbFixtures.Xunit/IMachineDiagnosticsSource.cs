using OrbFixtures.Diagnostics;

namespace OrbFixtures.Xunit;

/// <summary>
/// Something a test receives through its constructor (a fixture) that holds machines. When a machine test fails, the
/// log of every machine of these sources that the test used — and of every machine whose provisioning failed — ends
/// the failure message. <see cref="MachineFixture"/> implements it.
/// </summary>
public interface IMachineDiagnosticsSource
{
    /// <summary>The logs of every machine this source asked for, ready or not.</summary>
    IReadOnlyList<MachineLog> MachineLogs { get; }

    /// <summary>The machines that became ready.</summary>
    IReadOnlyCollection<Machine> ReadyMachines { get; }

    /// <summary>How many of a machine's most recent commands a failure report shows
    /// (<see cref="OrbFixturesOptions.CommandHistorySize"/>).</summary>
    int CommandHistorySize { get; }
}
