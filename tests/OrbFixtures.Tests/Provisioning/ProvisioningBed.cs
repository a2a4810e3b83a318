using Microsoft.Extensions.Time.Testing;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>
/// A provisioner on a fake clock, a fake OrbStack and fake process liveness, with a private ledger directory.
/// <see cref="Drive{T}"/> advances the clock in small steps until a task completes; every wait in the engine and the
/// fake completes inline on <c>Advance</c>, so what a test observes is deterministic.
/// </summary>
internal sealed class ProvisioningBed : IDisposable
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    public ProvisioningBed()
    {
        StateDirectory = Path.Combine(Path.GetTempPath(), "of-prov-" + Guid.NewGuid().ToString("N")[..12]);
        OrbCtl = new FakeOrbCtl(Time);
        Ledger = new OwnershipLedger(new StateDirectory(StateDirectory));
        Options = new OrbFixturesOptions
        {
            StateDirectory = StateDirectory,
            PollInterval = TimeSpan.FromSeconds(1),
            Timeouts = OperationTimeouts.Default.With(Operation.Create, OrbCtl.CreateTimeout),
            Retry = new OrbCtlRetryOptions
            {
                // No jitter: create steps and operations back off exactly 1 s, 2 s, 4 s (OperationPipelines.ApplyBackoff).
                MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), UseJitter = false,
            },
            TimeProvider = Time,
        };
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public FakeOrbCtl OrbCtl { get; }
    public FakeLiveness Liveness { get; } = new();
    public string StateDirectory { get; }
    public OwnershipLedger Ledger { get; }
    public OrbFixturesOptions Options { get; set; }
    /// <summary>The progress lines of every provisioner made here (<see cref="OrbFixtures.Diagnostics.MachineEventArgs.IsProgress"/>).</summary>
    public List<string> Progress { get; } = [];

    /// <summary>Every event any of its provisioners recorded, machine and session logs alike, in the order raised.</summary>
    public List<OrbFixtures.Diagnostics.MachineEvent> Recorded { get; } = [];

    /// <summary>The orbctl world of every provisioner of this bed.</summary>
    public const string World = "orbctl=/test/orbctl";

    /// <summary>The services a provisioner or a session of this bed runs on: its fake orbctl and liveness, a gate of 2
    /// unless given, and the bed's world.</summary>
    public ProvisionerServices Services(string sessionId = "t3st", CreateGate? gate = null, IProcessLiveness? liveness = null) =>
        new(OrbCtl, gate ?? new CreateGate(2), liveness ?? Liveness, sessionId, World: World);

    /// <summary>A provisioning session of this bed, for tests that drive one part of the engine directly (the adoption
    /// verdict, the reaper) rather than through a provisioner.</summary>
    public ProvisioningSession NewSession(OrbFixturesOptions? options = null, IProcessLiveness? liveness = null) =>
        new(options ?? Options, Services(liveness: liveness));

    public MachineProvisioner NewProvisioner(string sessionId = "t3st", OrbFixturesOptions? options = null, CreateGate? gate = null,
        IProcessLiveness? liveness = null)
    {
        var provisioner = new MachineProvisioner(options ?? Options, Services(sessionId, gate, liveness));
        provisioner.EventRecorded += (_, args) =>
        {
            lock (Progress)
            {
                Recorded.Add(args.Event);
                if (args.IsProgress) Progress.Add(args.ToString());
            }
        };
        return provisioner;
    }

    /// <summary>
    /// Starts an operation and advances the fake clock in small steps until it completes (at most <paramref name="max"/>
    /// of fake time). Runs off the test's synchronization context: with none current, every continuation runs inline
    /// inside <c>Advance</c>, so what the test observes does not depend on thread scheduling.
    /// </summary>
    public Task<T> Drive<T>(Func<Task<T>> start, TimeSpan? max = null) => Task.Run(async () =>
    {
        var task = start();
        Advance(task, max);
        return await task;
    });

    public Task Drive(Func<Task> start, TimeSpan? max = null) => Task.Run(async () =>
    {
        var task = start();
        Advance(task, max);
        await task;
    });

    /// <summary>Runs test code off the test's synchronization context (see <see cref="Drive{T}"/>).</summary>
    public static Task OffContext(Func<Task> body) => Task.Run(body);

    public void Advance(Task task, TimeSpan? max = null)
    {
        var limit = max ?? TimeSpan.FromMinutes(10);
        var end = Time.GetUtcNow() + limit;
        while (!task.IsCompleted && Time.GetUtcNow() < end) Time.Advance(Step);
        if (!task.IsCompleted)
            Assert.Fail($"The task did not complete within {limit} of fake time; calls: {string.Join(", ", OrbCtl.Calls)}.");
    }

    /// <summary>Writes a ledger record as another (or this) process would have: a session's own machine made from an
    /// unversioned ubuntu spec, in this bed's world, whose create began now (unless told otherwise).</summary>
    public LedgerRecord WriteRecord(string name, string? id, ProcessIdentity owner, string session, LedgerState state, string specHash = "hash",
        MachineKind kind = MachineKind.Session, DateTimeOffset? createStartedAt = null, ProcessPlace? place = null, string world = World,
        IReadOnlyList<SessionOwner>? leases = null)
    {
        var ownerRef = new SessionOwner(session, owner.Pid, owner.StartTime, place ?? FakeLiveness.Here);
        return Ledger.Write(new LedgerRecord
        {
            Name = name,
            LogicalName = name.Split('-', 3)[^1],
            Kind = kind,
            World = world,
            Id = id,
            SpecHash = specHash,
            Expected = new ExpectedMachine("ubuntu", [], null, null),
            CreateStartedAt = createStartedAt ?? Time.GetUtcNow(),
            State = state,
            Owner = ownerRef,
            Leases = leases ?? (kind == MachineKind.Reusable && state != LedgerState.Reusable ? [ownerRef] : []),
            UpdatedAt = Time.GetUtcNow(),
        });
    }

    public void Dispose()
    {
        try { Directory.Delete(StateDirectory, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
