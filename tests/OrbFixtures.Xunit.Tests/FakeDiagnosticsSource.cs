using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Xunit.Tests;

/// <summary>A fixture stand-in holding machine logs (machines that never became ready).</summary>
internal sealed class FakeDiagnosticsSource : IMachineDiagnosticsSource
{
    public FakeDiagnosticsSource(params MachineLog[] logs) => MachineLogs = logs;

    public IReadOnlyList<MachineLog> MachineLogs { get; }

    public IReadOnlyCollection<Machine> ReadyMachines { get; } = [];

    public int CommandHistorySize { get; init; } = new OrbFixturesOptions().CommandHistorySize;

    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>The log of a machine whose create hung, was adopted by the watchdog, and whose provisioning then failed
    /// (so a failure report shows it whether or not the test used it).</summary>
    public static MachineLog HungCreateLog(string logicalName = "db")
    {
        var name = "of-k3x9-" + logicalName;
        var log = new MachineLog($"machine '{logicalName}' ({name})") { LogicalName = logicalName, MachineName = name };
        log.Append(new CreateStarted(Start, "ubuntu", 1, 4, false, TimeSpan.FromSeconds(2)));
        log.Append(new HangAdopted(Start.AddSeconds(2), TimeSpan.FromSeconds(2)));
        log.Append(new AttemptFinished(Start.AddSeconds(2), Operation.Create, 1, ["orbctl", "create", "ubuntu", name], Start,
            TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), null, "", "", AttemptOutcome.Cancelled, null, AttemptDecision.KilledByWatchdog));
        log.Append(new ProvisioningFailed(Start.AddSeconds(3), "the probe never passed", null));
        return log;
    }
}
