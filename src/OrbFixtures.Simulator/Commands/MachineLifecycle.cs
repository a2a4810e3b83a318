using OrbFixtures.Simulator.Scenario;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// The daemon's state machine (the transitions between <see cref="MachineStates"/>) for start, stop, restart and delete. Each method runs under the
/// state lock and only records timed phases; the caller waits for them afterwards.
/// </summary>
internal static class MachineLifecycle
{
    public static LifecycleStep Start(MachineRecord machine, DateTimeOffset now, Durations durations)
    {
        if (machine.Builtin) return LifecycleStep.Done;
        return machine.StateAt(now) switch
        {
            MachineStates.Running or MachineStates.Provisioning => LifecycleStep.Done,
            MachineStates.Starting => new(machine.SettledAt),
            MachineStates.Stopped => new(Boot(machine, now, durations)),
            var state => Refuse(state, MachineStates.Starting),
        };
    }

    /// <summary>
    /// Starts a stopped machine with its current settings. A clone's first boot takes its own time, and a clone of a
    /// cloud-init machine runs cloud-init again afterwards: its instance ID is new, so cloud-init sees a first boot.
    /// </summary>
    private static DateTimeOffset Boot(MachineRecord machine, DateTimeOffset now, Durations durations)
    {
        var firstBoot = machine.Booted is null;
        machine.Boot();
        var running = machine.Transition(
            now, MachineStates.Running, (MachineStates.Starting, firstBoot ? durations.CloneFirstBoot : durations.Start));
        if (firstBoot && machine.Variant == "cloud") machine.CloudInitDoneAt = running + TimeSpan.FromMilliseconds(durations.CloudInit);
        return running;
    }

    public static LifecycleStep Stop(MachineRecord machine, DateTimeOffset now, Durations durations)
    {
        if (machine.Builtin) return LifecycleStep.Done;
        return machine.StateAt(now) switch
        {
            MachineStates.Stopped => LifecycleStep.Done,
            MachineStates.Stopping => new(machine.SettledAt),
            MachineStates.Running or MachineStates.Starting =>
                new(machine.Transition(now, MachineStates.Stopped, (MachineStates.Stopping, durations.Stop))),
            MachineStates.Provisioning => AbortSetup(machine, now),
            var state => Refuse(state, MachineStates.Stopping),
        };
    }

    /// <summary>Stop then start; the <c>restart</c> duration is split between the two phases.</summary>
    public static LifecycleStep Restart(MachineRecord machine, DateTimeOffset now, Durations durations)
    {
        if (machine.Builtin) return LifecycleStep.Done;
        var stopping = durations.Restart / 2;
        var starting = durations.Restart - stopping;
        return machine.StateAt(now) switch
        {
            MachineStates.Running or MachineStates.Starting => new(Reboot(machine).Transition(
                now, MachineStates.Running, (MachineStates.Stopping, stopping), (MachineStates.Starting, starting))),
            MachineStates.Stopped => new(machine.Booted is null
                ? Boot(machine, now, durations)
                : Reboot(machine).Transition(now, MachineStates.Running, (MachineStates.Starting, starting))),
            MachineStates.Provisioning => AbortSetup(machine, now),
            var state => Refuse(state, MachineStates.Stopping),
        };
    }

    private static MachineRecord Reboot(MachineRecord machine)
    {
        machine.Boot();
        return machine;
    }

    /// <summary>Deleting is allowed from every state (an unfinished create is cancelled); the record goes when it ends.</summary>
    public static LifecycleStep Delete(StateDocument document, MachineRecord machine, DateTimeOffset now, Durations durations)
    {
        if (machine.Builtin) return new(null, new CommandFailedException("[-32098] cannot delete builtin machine"));
        if (machine.StateAt(now) == MachineStates.Deleting) return new(machine.SettledAt);
        if (document.DefaultMachineId == machine.Id) document.DefaultMachineId = null;
        return new(machine.Transition(now, MachineStates.Deleted, (MachineStates.Deleting, durations.Delete)));
    }

    /// <summary>Stopping a machine during its initial setup deletes it, as OrbStack does (its issues #1583 and #804).</summary>
    private static LifecycleStep AbortSetup(MachineRecord machine, DateTimeOffset now)
    {
        machine.Transition(now, MachineStates.Deleted);
        return new(null, new CommandFailedException($"[-32098] stop '{machine.Name}': setup: do initial setup: canceled by machine shutdown"));
    }

    private static LifecycleStep Refuse(string from, string to) => new(null, CommandFailedException.BadTransition(from, to));
}
