using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>The sweep as a whole: what it leaves for the next run at its deadline, what it counts and reports, and that a
/// failed sweep is tried again by the next provisioning of the process.</summary>
public sealed class ReaperSweepTests : IDisposable
{
    private static readonly ProcessIdentity s_dead = new(3000, FakeLiveness.Started);
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private string Leftover(string name, string world = ProvisioningBed.World)
    {
        _bed.WriteRecord(name, _bed.OrbCtl.AddMachine(name).Id, s_dead, name.Split('-')[1], LedgerState.Ready, world: world);
        return name;
    }

    private IEnumerable<ReaperAction> Actions(ReaperActionKind kind) => _bed.Recorded.OfType<ReaperAction>().Where(a => a.Action == kind);

    [Fact]
    public async Task Records_the_sweep_reaches_after_its_deadline_are_not_even_claimed()
    {
        var slow = Leftover("of-dead-a");
        var next = Leftover("of-dead-b");
        var revision = _bed.Ledger.Read(next)!.Revision;
        _bed.OrbCtl.SlowInfo = (name, token) => name == slow ? _bed.Time.DelayAsync(TimeSpan.FromHours(1), token) : Task.CompletedTask;
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.Equal([$"info {slow}"], _bed.OrbCtl.Calls);
        Assert.True(_bed.OrbCtl.Exists(next));
        Assert.Equal(revision, _bed.Ledger.Read(next)!.Revision);
        Assert.Equal(2, Assert.Single(Actions(ReaperActionKind.DeadlineReached)).Count);
        Assert.Equal(0, Assert.Single(Actions(ReaperActionKind.SweepFinished)).Count);
    }

    [Fact]
    public async Task A_sweep_counts_what_it_reaped_and_the_records_of_other_worlds_and_reports_no_deadline_it_did_not_reach()
    {
        Leftover("of-dead-a", world: "orbctl=/other/orbctl");
        Leftover("of-dead-b", world: "orbctl=/other/orbctl");
        var ours = Leftover("of-dead-c");
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(1, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.Equal([$"info {ours}", $"delete {ours}"], _bed.OrbCtl.Calls);
        Assert.Equal(2, Assert.Single(Actions(ReaperActionKind.OtherWorldsLeftAlone)).Count);
        Assert.Equal(1, Assert.Single(Actions(ReaperActionKind.SweepFinished)).Count);
        Assert.Empty(Actions(ReaperActionKind.DeadlineReached));
    }

    [Fact]
    public async Task A_sweep_of_only_this_world_reports_no_other_worlds()
    {
        Leftover("of-dead-a");
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(1, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.Empty(Actions(ReaperActionKind.OtherWorldsLeftAlone));
    }

    [Fact]
    public async Task A_test_runs_sweep_records_what_it_did_but_not_the_records_it_left_alone()
    {
        var live = new ProcessIdentity(2000, FakeLiveness.Started);
        _bed.Liveness.Alive.Add(live);
        _bed.WriteRecord("of-live-db", _bed.OrbCtl.AddMachine("of-live-db").Id, live, "live", LedgerState.Ready);
        _bed.WriteRecord("of-kept-db", _bed.OrbCtl.AddMachine("of-kept-db").Id, s_dead, "kept", LedgerState.Kept);
        _bed.WriteRecord("of-away-db", _bed.OrbCtl.AddMachine("of-away-db").Id, s_dead, "away", LedgerState.Ready,
            place: FakeLiveness.Here with { HostId = "machine-id:other" });
        var dead = Leftover("of-dead-db");
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(1, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.Equal([(dead, ReaperActionKind.Deleted), (null, ReaperActionKind.SweepFinished)],
            _bed.Recorded.OfType<ReaperAction>().Select(a => (a.Machine, a.Action)));
    }

    [Theory]
    [InlineData("of-tpl-web-bbbbbbbb", nameof(LedgerState.Reusable), nameof(MachineKind.Template), ProvisioningBed.World, 1, true)]
    [InlineData("of-tpl-web-bbbbbbbb", nameof(LedgerState.Creating), nameof(MachineKind.Template), ProvisioningBed.World, 1, false)] // still being built
    [InlineData("of-tpl-web-bbbbbbbb", nameof(LedgerState.Reusable), nameof(MachineKind.Template), "orbctl=/other/orbctl", 1, false)]
    [InlineData("of-tpl-web-bbbbbbbb", nameof(LedgerState.Reusable), nameof(MachineKind.Template), ProvisioningBed.World, 0, false)] // built at the same time
    [InlineData("of-tpl-webx-bbbbbbbb", nameof(LedgerState.Reusable), nameof(MachineKind.Template), ProvisioningBed.World, 1, false)] // another logical name
    [InlineData("of-tpl-db0-bbbbbbbb", nameof(LedgerState.Reusable), nameof(MachineKind.Template), ProvisioningBed.World, 1, false)]
    [InlineData("of-tpl-web-bbbbbbbb", nameof(LedgerState.Reusable), nameof(MachineKind.Reusable), ProvisioningBed.World, 1, false)] // not a template
    public async Task A_template_within_its_max_age_goes_only_when_a_ready_newer_build_of_its_recipe_supersedes_it(
        string other, string state, string kind, string world, int builtMinutesLater, bool superseded)
    {
        const string template = "of-tpl-web-aaaaaaaa";
        var builder = new ProcessIdentity(2000, FakeLiveness.Started); // alive: a build in progress is not reaped for its own sake
        _bed.Liveness.Alive.Add(builder);
        _bed.WriteRecord(template, _bed.OrbCtl.AddMachine(template).Id, builder, "tpl", LedgerState.Reusable, kind: MachineKind.Template);
        _bed.WriteRecord(other, _bed.OrbCtl.AddMachine(other).Id, builder, "tpl", Enum.Parse<LedgerState>(state), kind: Enum.Parse<MachineKind>(kind), world: world,
            createStartedAt: _bed.Time.GetUtcNow().AddMinutes(builtMinutesLater));
        _bed.Time.Advance(TimeSpan.FromMinutes(2));
        await using var provisioner = _bed.NewProvisioner();

        await _bed.Drive(() => provisioner.ReapAsync());

        Assert.Equal(!superseded, _bed.OrbCtl.Exists(template));
        Assert.True(_bed.OrbCtl.Exists(other));
    }

    [Fact]
    public async Task A_build_without_a_recorded_create_start_counts_from_when_its_record_was_written()
    {
        const string template = "of-tpl-web-aaaaaaaa";
        const string newer = "of-tpl-web-bbbbbbbb";
        var builder = new ProcessIdentity(2000, FakeLiveness.Started);
        _bed.Liveness.Alive.Add(builder);
        var old = _bed.WriteRecord(template, _bed.OrbCtl.AddMachine(template).Id, builder, "tpl", LedgerState.Reusable, kind: MachineKind.Template);
        _bed.Ledger.Write(old with { CreateStartedAt = null });
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        var built = _bed.WriteRecord(newer, _bed.OrbCtl.AddMachine(newer).Id, builder, "tpl", LedgerState.Reusable, kind: MachineKind.Template);
        _bed.Ledger.Write(built with { CreateStartedAt = null });
        await using var provisioner = _bed.NewProvisioner();

        await _bed.Drive(() => provisioner.ReapAsync());

        Assert.False(_bed.OrbCtl.Exists(template));
        Assert.True(_bed.OrbCtl.Exists(newer));
    }

    [Fact]
    public async Task A_failed_sweep_is_forgotten_so_the_next_provisioning_of_the_process_sweeps_again()
    {
        var leftover = Leftover("of-dead-a");
        var liveness = new FailingOnceLiveness(_bed.Liveness);
        await using var first = _bed.NewProvisioner(liveness: liveness);

        await _bed.Drive(() => first.EnsureAsync(MachineSpec.Create("db", "ubuntu")));

        Assert.Single(Actions(ReaperActionKind.SweepFailed));
        Assert.True(_bed.OrbCtl.Exists(leftover));

        await using var second = _bed.NewProvisioner("an0t");
        await _bed.Drive(() => second.EnsureAsync(MachineSpec.Create("db", "ubuntu")));

        Assert.False(_bed.OrbCtl.Exists(leftover));
        Assert.Single(Actions(ReaperActionKind.SweepFailed));
    }

    /// <summary>Liveness that cannot be read once (as /proc could not), then answers as <paramref name="inner"/>.</summary>
    private sealed class FailingOnceLiveness(FakeLiveness inner) : IProcessLiveness
    {
        private int _failures = 1;

        public ProcessIdentity Current => inner.Current;

        public ProcessPlace Place => inner.Place;

        public bool IsAlive(ProcessIdentity owner) =>
            Interlocked.Decrement(ref _failures) >= 0 ? throw new IOException("/proc could not be read") : inner.IsAlive(owner);
    }
}
