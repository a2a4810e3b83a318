using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>The create watchdog on its own: one poll per interval, the machine's first sighting reported once, and
/// each state it passes through recorded once.</summary>
public sealed class CreateWatchdogTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task It_reports_the_first_sighting_once_records_each_state_once_and_returns_when_the_machine_is_ready() =>
        await ProvisioningBed.OffContext(async () =>
        {
            var interval = TimeSpan.FromSeconds(1);
            var journal = new MachineJournal(MachineSpec.Create("db", "ubuntu"), "of-t3st-db", "", new MachineLog("db"), _bed.Time)
            {
                CreateStartedAt = _bed.Time.GetUtcNow(),
            };
            var probes = 0;
            _bed.OrbCtl.OnRun = _ => ++probes <= 2 ? new CommandResult(1, "", "", TimeSpan.Zero) : null; // ready at the third look
            var sightings = 0;
            var watch = new CreateWatchdog(new MachineReadiness(_bed.OrbCtl, _bed.Time, interval), _bed.Time)
                .WatchAsync(journal, () => sightings++, CancellationToken.None);

            _bed.Time.Advance(interval);
            _bed.Time.Advance(interval); // two polls: nothing under the name yet
            Assert.Equal(0, sightings);
            var machine = _bed.OrbCtl.AddMachine("of-t3st-db");
            machine.RunningAt = _bed.Time.GetUtcNow() + TimeSpan.FromSeconds(2.5); // creating at 3 s and 4 s, running from 5 s
            _bed.Time.Advance(interval);
            Assert.Equal(1, sightings);
            for (var i = 0; i < 4 && !watch.IsCompleted; i++) _bed.Time.Advance(interval);

            var result = await watch;
            Assert.Equal((ReadinessOutcome.Ready, machine.Id), (result.Outcome, result.Info!.Id));
            Assert.Equal(1, sightings); // seen on five polls, reported once
            Assert.Equal(3, probes);
            Assert.Equal([null, null, "creating", "running"], journal.Log.OfType<StateObserved>().Select(s => s.State));
            Assert.Equal(7, _bed.OrbCtl.Calls.Count(c => c == "info of-t3st-db")); // one poll a second, from 1 s to 7 s
        });
}
