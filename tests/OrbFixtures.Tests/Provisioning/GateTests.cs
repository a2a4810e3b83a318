using OrbFixtures.Provisioning;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class GateTests : IDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(20);
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Eight_machines_with_a_gate_of_two_never_run_more_than_two_creates_and_all_become_ready()
    {
        using var releases = new SemaphoreSlim(0);
        _bed.OrbCtl.CreateDuration = TimeSpan.Zero;
        _bed.OrbCtl.BeforeCreate = (_, ct) => releases.WaitAsync(ct);
        var gate = new CreateGate(2);
        // Two provisioners of one process share the gate.
        await using var a = _bed.NewProvisioner("aaaa", gate: gate);
        await using var b = _bed.NewProvisioner("bbbb", gate: gate);
        var specs = Enumerable.Range(1, 8).Select(i => MachineSpec.Create($"m{i}", "ubuntu")).ToList();

        var all = Task.Run(() => Task.WhenAll(specs.Select((s, i) => (i % 2 == 0 ? a : b).EnsureAsync(s))));
        for (var released = 0; released < 8; released++)
        {
            var expected = Math.Min(2, 8 - released);
            Assert.True(SpinWait.SpinUntil(() => _bed.OrbCtl.ActiveCreates == expected, s_patience),
                $"expected {expected} creates running, saw {_bed.OrbCtl.ActiveCreates}");
            Assert.InRange(gate.InUse, expected, 2);
            releases.Release();
        }
        var machines = await all.WaitAsync(s_patience);

        Assert.Equal(2, _bed.OrbCtl.MaxActiveCreates);
        Assert.Equal(8, machines.Select(m => m.Name).Distinct().Count());
        Assert.All(machines, m => Assert.Equal(OrbFixtures.MachineState.Running, m.Info.State));
        Assert.Equal(0, gate.InUse);
    }

    [Fact]
    public async Task A_slot_is_given_back_when_the_create_exits_not_when_its_watchdog_has_wound_down()
    {
        // m1's second info is the watchdog's first poll (1 s into a 2 s create). It is held open past the end of the
        // create, ignoring cancellation, like an orbctl process that is slow to die when the watchdog is stopped.
        var pollHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pollStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bed.OrbCtl.BeforeInfo = async (name, count) =>
        {
            if (!name.EndsWith("-m1", StringComparison.Ordinal) || count != 2) return;
            pollStarted.TrySetResult();
            await pollHeld.Task;
        };
        await using var provisioner = _bed.NewProvisioner(gate: new CreateGate(1));

        await ProvisioningBed.OffContext(async () =>
        {
            var m1 = provisioner.EnsureAsync(MachineSpec.Create("m1", "ubuntu"));
            var m2 = provisioner.EnsureAsync(MachineSpec.Create("m2", "ubuntu"));
            _bed.Time.Advance(TimeSpan.FromSeconds(1));
            await pollStarted.Task.WaitAsync(s_patience);
            _bed.Time.Advance(TimeSpan.FromSeconds(1));

            // m1's create has exited; m2 must not wait for m1's watchdog to finish its poll.
            Assert.True(SpinWait.SpinUntil(() => _bed.OrbCtl.Calls.Any(c => c.StartsWith("create ", StringComparison.Ordinal) &&
                                                                             c.EndsWith("-m2", StringComparison.Ordinal)), s_patience),
                "m2's create waited for m1's watchdog poll. Calls: " + string.Join(", ", _bed.OrbCtl.Calls));
            pollHeld.SetResult();
            // m2's create began on a thread-pool thread (the gate's waiter), so its clock waits may be registered a
            // moment from now: keep advancing the fake clock until both are done.
            var both = Task.WhenAll(m1, m2);
            Assert.True(SpinWait.SpinUntil(() => { _bed.Time.Advance(ProvisioningBed.Step); return both.IsCompleted; }, s_patience),
                "the machines were not ready. Calls: " + string.Join(", ", _bed.OrbCtl.Calls));
            var machines = await both;
            Assert.All(machines, m => Assert.Equal(OrbFixtures.MachineState.Running, m.Info.State));
        });

        Assert.Equal(1, _bed.OrbCtl.MaxActiveCreates);
    }

    [Fact]
    public async Task A_slot_is_given_back_once_even_when_released_twice()
    {
        var gate = new CreateGate(1);

        var slot = await gate.EnterAsync(CancellationToken.None);
        slot.Dispose();
        slot.Dispose();
        using var again = await gate.EnterAsync(CancellationToken.None);

        Assert.Equal(1, gate.InUse);
        using var cts = new CancellationTokenSource();
        var waiting = gate.EnterAsync(cts.Token);
        Assert.False(waiting.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Provisioners_of_one_process_share_the_gate_of_their_orbctl()
    {
        var env = new Dictionary<string, string> { ["ORBSIM_HOME"] = "/tmp/a" };

        var first = CreateGate.ForProcess("/usr/bin/orbctl", env, 2);
        var same = CreateGate.ForProcess("/usr/bin/orbctl", new Dictionary<string, string>(env), 2);
        var otherWorld = CreateGate.ForProcess("/usr/bin/orbctl", new Dictionary<string, string> { ["ORBSIM_HOME"] = "/tmp/b" }, 2);

        Assert.Same(first, same);
        Assert.NotSame(first, otherWorld);
        Assert.Equal(2, first.Limit);
    }

    [Fact]
    public void The_process_gate_is_one_per_orbctl_environment_and_limit_whatever_the_order_of_the_variables()
    {
        const string orbctl = "/opt/gate-test/orbctl";
        var two = CreateGate.ForProcess(orbctl, new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, 2);

        Assert.Same(two, CreateGate.ForProcess(orbctl, new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" }, 2));
        var three = CreateGate.ForProcess(orbctl, new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, 3);
        Assert.NotSame(two, three);
        Assert.Equal(3, three.Limit);
        // A variable's name and value stay apart: A=1 is not a variable A1 that is empty.
        Assert.NotSame(two, CreateGate.ForProcess(orbctl, new Dictionary<string, string> { ["A1"] = "", ["B"] = "2" }, 2));
    }

    [Fact]
    public void A_gate_needs_room_for_at_least_one_create() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CreateGate(0));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_gate_without_a_single_slot_is_refused_naming_its_limit(int limit)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CreateGate(limit));

        Assert.Equal(("limit", limit), (e.ParamName, e.ActualValue));
    }
}
