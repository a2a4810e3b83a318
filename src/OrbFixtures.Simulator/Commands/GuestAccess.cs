using OrbFixtures.Simulator.Guest;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// Getting into a machine, as <c>run</c>, <c>push</c> and <c>pull</c> do over SSH: the machine named by <c>-m</c>
/// (or the default one) is started if stopped. SSH reports errors only to a terminal, so a missing or unusable
/// machine is exit 1 with empty stderr, as with real orbctl.
/// </summary>
internal static class GuestAccess
{
    /// <summary>The machine a guest command targets: <paramref name="key"/>, else the default one (for fault globs).</summary>
    public static IReadOnlyList<string> Targets(CommandContext context, string? key)
    {
        if (!string.IsNullOrEmpty(key)) return [key];
        try
        {
            return [context.Store.Read((document, _) => MachineLookup.DefaultOrLatest(document).Name)];
        }
        catch (CommandFailedException)
        {
            return [];
        }
    }

    public static MachineRecord Enter(CommandContext context, string? key)
    {
        var (machine, step) = context.Store.Update((document, now) =>
        {
            var machine = key is null
                ? MachineLookup.DefaultOrLatest(document)
                : MachineLookup.Find(document, key, context.Scenario.HostArch) ?? throw new CommandFailedException("");
            if (machine.Builtin) throw new CommandFailedException($"cannot enter builtin machine: {machine.Name}");
            var step = machine.StateAt(now) switch
            {
                MachineStates.Running or MachineStates.Provisioning or MachineStates.Starting or MachineStates.Stopped =>
                    MachineLifecycle.Start(machine, now, context.Scenario.Durations),
                _ => new LifecycleStep(null, new CommandFailedException("")),
            };
            return (machine, step);
        });
        step.Complete(context);

        // A machine being cloned is paused: its commands wait until the clone is done.
        if (machine.PausedUntil is { } paused) context.SleepUntil(paused);
        return machine;
    }

    public static GuestFileSystem Files(CommandContext context, MachineRecord machine) =>
        new(Path.Combine(context.Store.MachineDirectory(machine.Id), "fs"),
            SystemFiles.For(machine.Name, OsRelease.For(machine.Distro, machine.Version), machine.Booted));

    public static GuestSession Session(CommandContext context, MachineRecord machine, string? user, string? workdir)
    {
        var files = Files(context, machine);
        var name = string.IsNullOrEmpty(user) ? machine.DefaultUsername : user;
        var home = GuestPath.HomeOf(name);
        files.CreateDirectory(home);
        files.CreateDirectory("/tmp");
        return new GuestSession
        {
            MachineName = machine.Name,
            Arch = machine.Arch,
            User = name,
            Workdir = string.IsNullOrEmpty(workdir) ? home : GuestPath.Resolve(home, workdir),
            Files = files,
            Out = context.Out,
            Err = context.Err,
            ReadStdin = context.ReadStdin,
            Sleep = simulated => context.Sleep(context.Scenario.Time.Real(simulated)),
            VmCpus = context.Scenario.HostCpus,
            CloudInitDoneAt = machine.CloudInitDoneAt,
            Now = context.Clock.GetUtcNow,
            WaitUntil = context.SleepUntil,
        };
    }
}
