using System.Diagnostics;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>Issue 4's "Done when" lines, against the simulator: each asserts the outcome and the orbctl calls made.</summary>
public sealed class SimulatedProvisioningTests
{
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");

    [Fact]
    public async Task Happy_path_creates_probes_and_deletes_one_machine_with_the_minimum_calls()
    {
        using var world = new SimulatedWorld(tuning: SimulatedTuning.Options);
        // A poll interval longer than the simulated create (250 ms): the watchdog never needs to poll.
        var provisioner = world.Provisioner(world.Options() with { PollInterval = TimeSpan.FromSeconds(5) });

        var machine = await provisioner.EnsureAsync(s_db);
        var info = await world.InfoAsync(machine.Name); // logged like any orbctl call; not the provisioner's
        await provisioner.DisposeAsync();

        Assert.Equal($"of-{provisioner.SessionId}-db", machine.Name);
        Assert.Equal("running", (string?)info!["record"]!["state"]);
        Assert.Equal(machine.Id, (string?)info["record"]!["id"]);
        Assert.Equal("jammy", machine.Info.Image.Version);
        Assert.NotNull(machine.IPv4);
        var log = world.Log.Where(i => i.Argv.Contains(machine.Name)).ToList();
        log.RemoveAt(4); // the test's own info
        Assert.Equal(["info", "create", "info", "run", "info", "delete"], log.Select(i => i.Command));
        Assert.Equal(["create", "ubuntu:22.04", machine.Name], log[1].Argv);
        Assert.Equal(["run", "-m", machine.Name, "true"], log[3].Argv);
        Assert.Contains("-f", log[5].Argv);
        Assert.Equal([1, 0, 0, 0, 0, 0], log.Select(i => i.ExitCode)); // the first info: not found
        Assert.Null(await world.InfoAsync(machine.Name));
        Assert.Empty(Directory.GetFiles(Path.Combine(world.StateDirectory, "ledger"), "*.json"));
        Assert.Empty(world.RunningOrbctl());
    }

    [Fact]
    public async Task Two_transient_create_failures_are_retried_and_the_third_attempt_succeeds()
    {
        using var world = new SimulatedWorld("""
            { "faults": [ { "op": "create", "times": 2, "action": "fail", "exitCode": 1,
                            "stderr": "[-32098] create '{name}': setup: machine didn't start in 30s (missing IP address)" } ] }
            """, SimulatedTuning.Options);
        await using var provisioner = world.Provisioner();

        var machine = await provisioner.EnsureAsync(s_db);

        Assert.Equal(MachineState.Running, machine.Info.State);
        var creates = machine.Log.OfType<AttemptFinished>().Where(a => a.Operation == Operation.Create).ToList();
        Assert.Equal([AttemptOutcome.Failed, AttemptOutcome.Failed, AttemptOutcome.Succeeded], creates.Select(a => a.Outcome));
        Assert.All(creates.Take(2), a => Assert.Equal(OrbCtlErrorKind.Transient, a.Error));
        // Numbered within the create operation across the provisioner's retries (issue 14): #1, #2, #3, not #1 three times.
        Assert.Equal([1, 2, 3], creates.Select(a => a.Attempt));
        Assert.Equal([AttemptDecision.Retry, AttemptDecision.Retry, AttemptDecision.Done], creates.Select(a => a.Decision));
        Assert.Equal([1, 2, 3], machine.Log.OfType<CreateStarted>().Select(c => c.Attempt));
        Assert.Equal([1, 1, 0], world.Log.Where(i => i.Command == "create").Select(i => i.ExitCode));
        Assert.Equal([2, 3], machine.Log.OfType<RetryScheduled>().Select(r => r.NextAttempt));
        Assert.All(machine.Log.OfType<RetryScheduled>(), r => Assert.Equal(RetryReason.TransientFailure, r.Reason));
        Assert.Empty(world.RunningOrbctl());
    }

    [Fact]
    public async Task A_permanent_create_failure_fails_after_one_attempt_with_a_typed_error_quoting_orbctl()
    {
        using var world = new SimulatedWorld("""
            { "faults": [ { "op": "create", "action": "fail", "exitCode": 1,
                            "stderr": "[-32098] create '{name}': make rootfs: image not found: {ubuntu focal arm64 default}" } ] }
            """, SimulatedTuning.Options);
        await using var provisioner = world.Provisioner();
        var name = provisioner.MachineNameFor("db");

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => provisioner.EnsureAsync(s_db));

        Assert.Equal(OrbCtlErrorKind.ImageNotFound, e.Kind);
        Assert.Equal(name, e.MachineName);
        Assert.Equal($"[-32098] create '{name}': make rootfs: image not found: {{ubuntu focal arm64 default}}", // orbctl's own words, kept
            Assert.IsType<OrbCtlException>(e.InnerException).StandardError);
        Assert.Single(world.Log, i => i.Command == "create");
        Assert.Single(e.Log.OfType<AttemptFinished>(), a => a.Operation == Operation.Create);
        Assert.Null(await world.InfoAsync(name));
        Assert.Empty(world.RunningOrbctl());
    }

    [Fact]
    public async Task A_foreign_machine_with_the_same_name_gives_a_clear_error_and_is_left_untouched()
    {
        using var world = new SimulatedWorld(tuning: SimulatedTuning.Options);
        await using var provisioner = world.Provisioner();
        var name = provisioner.MachineNameFor("db");
        Assert.Equal(0, (await world.Sandbox.RunAsync("create", "debian", name)).ExitCode);
        var before = await world.InfoAsync(name);
        var calls = world.Log.Count;

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => provisioner.EnsureAsync(s_db));

        Assert.Equal((OrbCtlErrorKind.AlreadyExists, name), (e.Kind, e.MachineName));
        Assert.False(Assert.Single(e.Log.OfType<LookedUp>()).Ours);
        Assert.Equal(["info"], world.Log.Skip(calls).Select(i => i.Command));
        var after = await world.InfoAsync(name);
        Assert.Equal((string?)before!["record"]!["id"], (string?)after!["record"]!["id"]);
        Assert.Equal("running", (string?)after["record"]!["state"]);
    }
}
