using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Xunit.Tests;

/// <summary>A fixture stand-in holding attempt histories (machines that never became ready).</summary>
internal sealed class FakeDiagnosticsSource : IMachineDiagnosticsSource
{
    public FakeDiagnosticsSource(params AttemptHistory[] histories) => AttemptHistories = histories;

    public IReadOnlyList<AttemptHistory> AttemptHistories { get; }

    public IReadOnlyCollection<Machine> ReadyMachines { get; } = [];

    public static AttemptHistory HungCreateHistory()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var history = new AttemptHistory("machine 'db' (of-k3x9-db)");
        history.Record(new AttemptRecord(Operation.Create, 1, ["orbctl", "create", "ubuntu", "of-k3x9-db"], at,
            TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), null, "", "", AttemptOutcome.Cancelled, null, "adopted by the watchdog"));
        history.Note(at.AddSeconds(2), "watchdog: machine is running and passed the probe; adopting it and killing the hung create");
        return history;
    }
}
