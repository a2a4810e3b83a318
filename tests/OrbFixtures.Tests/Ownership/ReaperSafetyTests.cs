using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Ownership;

/// <summary>The reaper acts only on records of this world and place, claims before it acts, and never deletes without proof.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReaperSafetyTests : IDisposable
{
    private static readonly ProcessIdentity s_dead = new(3000, FakeLiveness.Started);
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task A_record_without_a_ULID_never_gets_a_machine_made_before_its_create_deleted()
    {
        // A planted or stale record names a machine the user made by hand an hour earlier.
        var mydev = _bed.OrbCtl.AddMachine("mydev");
        _bed.Time.Advance(TimeSpan.FromHours(1));
        _bed.WriteRecord("mydev", null, s_dead, "dead", LedgerState.Creating);
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.True(_bed.OrbCtl.Exists("mydev"));
        Assert.Equal(["info mydev"], _bed.OrbCtl.Calls);
        Assert.Contains(_bed.Recorded.OfType<ReaperAction>(), r => r is { Machine: "mydev", Action: ReaperActionKind.NotOursRecordKept });
        Assert.DoesNotContain(_bed.Recorded.OfType<ReaperAction>(), r => r.Action == ReaperActionKind.Deleted);
        Assert.Null(_bed.Ledger.Read("mydev")!.Claim); // kept until its create timeout (the record proves nothing, but its create may still run), unclaimed
        _ = mydev;
    }

    [Fact]
    public async Task Once_its_create_timeout_has_passed_a_record_without_a_ULID_goes_and_the_machine_made_before_it_stays()
    {
        _bed.OrbCtl.AddMachine("mydev");
        _bed.Time.Advance(TimeSpan.FromHours(1));
        _bed.WriteRecord("mydev", null, s_dead, "dead", LedgerState.Creating);
        _bed.Time.Advance(_bed.OrbCtl.CreateTimeout); // exactly: its create can no longer make a machine
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.True(_bed.OrbCtl.Exists("mydev"));
        Assert.Equal(["info mydev"], _bed.OrbCtl.Calls);
        Assert.Null(_bed.Ledger.Read("mydev"));
        Assert.Contains(_bed.Recorded.OfType<ReaperAction>(), r => r is { Machine: "mydev", Action: ReaperActionKind.NotOursRecordRemoved });
    }

    [Fact]
    public async Task A_record_with_neither_a_ULID_nor_a_create_proves_nothing_and_goes_while_the_machine_stays()
    {
        _bed.OrbCtl.AddMachine("of-dead-db");
        var record = _bed.WriteRecord("of-dead-db", null, s_dead, "dead", LedgerState.Ready);
        _bed.Ledger.Write(record with { CreateStartedAt = null });
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.True(_bed.OrbCtl.Exists("of-dead-db"));
        Assert.Null(_bed.Ledger.Read("of-dead-db"));
        Assert.Contains(_bed.Recorded.OfType<ReaperAction>(), r => r is { Machine: "of-dead-db", Action: ReaperActionKind.NotOursRecordRemoved });
    }

    [Fact]
    public async Task A_record_changed_while_the_reaper_looked_the_machine_up_is_left_alone()
    {
        var machine = _bed.OrbCtl.AddMachine("of-dead-db");
        var record = _bed.WriteRecord("of-dead-db", machine.Id, s_dead, "dead", LedgerState.Ready);
        _bed.OrbCtl.BeforeInfo = (_, _) =>
        {
            // Another process rewrites the record while the reaper's info runs outside the ledger lock.
            _bed.Ledger.Write(_bed.Ledger.Read("of-dead-db")! with { Claim = null, UpdatedAt = _bed.Time.GetUtcNow() });
            return Task.CompletedTask;
        };
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.True(_bed.OrbCtl.Exists("of-dead-db"));
        Assert.Equal(["info of-dead-db"], _bed.OrbCtl.Calls);
        Assert.NotEqual(record.Revision, _bed.Ledger.Read("of-dead-db")!.Revision);
    }

    [Fact]
    public async Task Records_of_another_orbctl_world_or_another_PID_namespace_are_never_touched()
    {
        var other = _bed.OrbCtl.AddMachine("of-othr-db");
        _bed.WriteRecord("of-othr-db", other.Id, s_dead, "othr", LedgerState.Ready, world: "orbctl=/Applications/OrbStack.app/orbctl");
        var contained = _bed.OrbCtl.AddMachine("of-cntr-db");
        _bed.WriteRecord("of-cntr-db", contained.Id, new ProcessIdentity(1, FakeLiveness.Started), "cntr", LedgerState.Ready,
            place: FakeLiveness.Here with { PidNamespace = "pid:[4026532999]" });
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.Empty(_bed.OrbCtl.Calls);
        Assert.NotNull(_bed.Ledger.Read("of-othr-db"));
        Assert.NotNull(_bed.Ledger.Read("of-cntr-db"));
    }

    [Fact]
    public async Task Damaged_files_are_reported_by_path_and_neither_read_nor_deleted()
    {
        var damaged = Path.Combine(_bed.Ledger.Directory, "of-dead-db.json");
        Directory.CreateDirectory(_bed.Ledger.Directory);
        File.WriteAllText(damaged, "");
        _bed.OrbCtl.AddMachine("of-dead-db");
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.True(File.Exists(damaged));
        Assert.True(_bed.OrbCtl.Exists("of-dead-db"));
        // Reported by path, naming the machine its file is about (the sentence is EventTextTests').
        var skipped = Assert.Single(_bed.Recorded.OfType<ReaperAction>(), r => r.Action == ReaperActionKind.UnreadableRecord);
        Assert.Contains(damaged, skipped.Detail, StringComparison.Ordinal);
        Assert.Equal("of-dead-db", skipped.Machine);
    }

    [Fact]
    public async Task A_slow_record_stops_the_sweep_at_its_deadline_and_provisioning_goes_on()
    {
        var machine = _bed.OrbCtl.AddMachine("of-dead-db");
        _bed.WriteRecord("of-dead-db", machine.Id, s_dead, "dead", LedgerState.Ready);
        _bed.OrbCtl.SlowInfo = (name, token) => name == "of-dead-db" ? _bed.Time.DelayAsync(TimeSpan.FromHours(1), token) : Task.CompletedTask;
        await using var provisioner = _bed.NewProvisioner();
        var started = _bed.Time.GetUtcNow();

        var ready = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("web", "ubuntu")));

        Assert.Equal("of-t3st-web", ready.Name);
        Assert.InRange(_bed.Time.GetUtcNow() - started, MachineReaper.Deadline, MachineReaper.Deadline + TimeSpan.FromSeconds(10));
        Assert.True(_bed.OrbCtl.Exists("of-dead-db"));
        Assert.Null(_bed.Ledger.Read("of-dead-db")!.Claim);
    }

    [Fact]
    public async Task Cancelling_a_sweep_stops_it_and_leaves_the_record_unclaimed()
    {
        var machine = _bed.OrbCtl.AddMachine("of-dead-db");
        _bed.WriteRecord("of-dead-db", machine.Id, s_dead, "dead", LedgerState.Ready);
        using var cancel = new CancellationTokenSource();
        _bed.OrbCtl.SlowInfo = (_, token) =>
        {
            cancel.Cancel(); // the run is cancelled while the reaper waits for orbctl
            return _bed.Time.DelayAsync(TimeSpan.FromHours(1), token);
        };
        await using var provisioner = _bed.NewProvisioner();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _bed.Drive(() => provisioner.ReapAsync(cancel.Token)));

        Assert.True(_bed.OrbCtl.Exists("of-dead-db"));
        Assert.Null(_bed.Ledger.Read("of-dead-db")!.Claim);
    }

    [Fact]
    public async Task A_private_folder_without_an_owner_is_left_while_it_may_be_being_made_and_removed_once_stale()
    {
        // The folder's age is the file system's (real) clock: ten minutes is the line, an hour is far beyond it.
        var sessions = new StateDirectory(_bed.StateDirectory).SessionsDirectory;
        var fresh = Directory.CreateDirectory(Path.Combine(sessions, "frsh")).FullName;
        var stale = Directory.CreateDirectory(Path.Combine(sessions, "old1")).FullName;
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(1));
        await using var provisioner = _bed.NewProvisioner();

        await _bed.Drive(() => provisioner.ReapAsync());

        Assert.True(Directory.Exists(fresh));
        Assert.False(Directory.Exists(stale));
        Assert.Equal(["old1"], _bed.Recorded.OfType<ReaperAction>().Where(a => a.Action == ReaperActionKind.SessionFolderRemoved).Select(a => a.Machine));
    }

    [Fact]
    public async Task Secret_user_data_lives_in_the_sessions_private_folder_which_dies_with_its_session()
    {
        var state = new StateDirectory(_bed.StateDirectory);
        var deadFolder = state.SessionDirectory(new SessionOwner("dead", s_dead.Pid, s_dead.StartTime, FakeLiveness.Here));
        File.WriteAllText(Path.Combine(deadFolder, "user-data-x.yaml"), "password: hunter2");
        var liveOwner = new ProcessIdentity(2000, FakeLiveness.Started);
        _bed.Liveness.Alive.Add(liveOwner);
        var liveFolder = state.SessionDirectory(new SessionOwner("live", liveOwner.Pid, liveOwner.StartTime, FakeLiveness.Here));
        await using var provisioner = _bed.NewProvisioner();

        await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu").WithUserData("#cloud-config\n")));

        Assert.False(Directory.Exists(deadFolder));
        Assert.True(Directory.Exists(liveFolder));
        var (path, _, mode) = Assert.Single(_bed.OrbCtl.UserDataSeen);
        Assert.Equal(Path.Combine(_bed.StateDirectory, "sessions", "t3st"), Path.GetDirectoryName(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.False(File.Exists(path));

        await provisioner.DisposeAsync();
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }
}
