using OrbFixtures.Simulator.Scenario;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// The simulated OrbStack service (VM + machine manager): Running, Starting or Stopped. Machine commands need it
/// running: a stopped service is started on demand (taking <c>daemonStart</c> ms), a starting one makes them fail at
/// once with "timed out waiting for services to start".
/// </summary>
internal sealed class OrbStackService(StateStore store, SimulationScenario scenario, Action<TimeSpan> sleep, string status)
{
    public string Status { get; private set; } = status;

    /// <summary>Whether the VM answers at all (orbctl's <c>vmclient.IsRunning</c>): true unless Stopped.</summary>
    public bool IsUp => Status != DaemonSettings.Stopped;

    /// <summary>
    /// Counts this invocation and returns the status it sees. The status starts as the scenario's <c>status</c>
    /// (re-applied whenever the scenario's daemon block changes) and switches to <c>then</c> on call
    /// <c>afterCalls + 1</c>; explicit starts and stops persist in between.
    /// </summary>
    public static string Observe(StateStore store, DaemonSettings settings) => store.Update((document, _) =>
    {
        var daemon = document.Daemon;
        if (daemon.ScenarioKey != settings.Key)
        {
            daemon.ScenarioKey = settings.Key;
            daemon.Status = settings.Status;
            daemon.Calls = 0;
        }

        if (settings.AfterCalls > 0 && daemon.Calls <= settings.AfterCalls)
        {
            daemon.Calls++;
            if (daemon.Calls == settings.AfterCalls + 1) daemon.Status = settings.Then;
        }

        return daemon.Status;
    });

    /// <summary>What machine commands do first (orbctl's <c>EnsureSconVM</c>).</summary>
    public void EnsureRunning()
    {
        if (Status == DaemonSettings.Starting) throw new CommandFailedException("timed out waiting for services to start");
        if (Status == DaemonSettings.Stopped) Start();
    }

    public void Start()
    {
        sleep(TimeSpan.FromMilliseconds(scenario.Durations.DaemonStart));
        Persist(DaemonSettings.Running, (_, _) => { });
    }

    /// <summary>Stops the service; machines still being created or provisioned are lost, as after a real restart.</summary>
    public void Stop()
    {
        sleep(TimeSpan.FromMilliseconds(scenario.Durations.Stop));
        Persist(DaemonSettings.Stopped, (document, now) =>
        {
            foreach (var machine in document.Machines)
            {
                if (machine.StateAt(now) is MachineStates.Creating or MachineStates.Provisioning)
                    machine.Transition(now, MachineStates.Deleted);
            }
        });
    }

    private void Persist(string newStatus, Action<StateDocument, DateTimeOffset> alsoChange)
    {
        store.Update((document, now) =>
        {
            document.Daemon.Status = newStatus;
            alsoChange(document, now);
            return 0;
        });
        Status = newStatus;
    }
}
