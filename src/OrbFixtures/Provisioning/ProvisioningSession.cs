using OrbFixtures.Availability;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>The services one provisioner's machines share: client, state directory and ledger, gate, clock, readiness
/// and watchdog, and who this session is (its owner identity and its <c>orbctl</c> world).</summary>
internal sealed class ProvisioningSession
{
    private readonly Lazy<SpecHasher> _hasher;

    public ProvisioningSession(OrbFixturesOptions options, ProvisionerServices services)
    {
        Options = options;
        Time = options.TimeProvider;
        State = new StateDirectory(options.StateDirectory);
        Ledger = new OwnershipLedger(State);
        Liveness = services.Liveness ?? SystemProcessLiveness.Instance;
        // Unconfigured: where OrbStack installs it, as the availability probe looks (a bare "orbctl" if nowhere, so the
        // first call fails with the client's own not-found error).
        var orbctlPath = options.OrbctlPath ?? OrbctlLocator.ForThisProcess().Locate(configuredPath: null).Path ?? OrbctlLocator.Executable;
        World = services.World ?? OrbctlWorld.Key(orbctlPath, options.OrbctlEnvironment);
        Client = services.Client ?? new OrbCtlClient(new OrbCtlClientOptions
        {
            OrbctlPath = orbctlPath,
            Timeouts = options.Timeouts,
            Retry = options.Retry,
            EnvironmentVariables = options.OrbctlEnvironment,
            TimeProvider = options.TimeProvider,
            MaxOutputBytes = options.MaxOutputBytes,
        });
        Gate = services.Gate ?? CreateGate.ForProcess(orbctlPath, options.OrbctlEnvironment, options.MaxParallelCreates);
        SessionId = services.SessionId ?? MachineNaming.NewSessionId(id => id == MachineNaming.ReuseMarker || Ledger.HasSession(id));
        StartedAt = Time.GetUtcNow();
        Me = new SessionOwner(SessionId, Liveness.Current.Pid, Liveness.Current.StartTime, Liveness.Place);
        Readiness = new MachineReadiness(Client, Time, options.PollInterval, WaitDefaults.From(options));
        Watchdog = new CreateWatchdog(Readiness, Time);
        _hasher = new Lazy<SpecHasher>(() => new SpecHasher(State.SpecHashKey));
    }

    public OrbFixturesOptions Options { get; }
    public TimeProvider Time { get; }
    public IOrbCtlClient Client { get; }
    public StateDirectory State { get; }
    public OwnershipLedger Ledger { get; }
    public IProcessLiveness Liveness { get; }
    public CreateGate Gate { get; }
    public string SessionId { get; }

    /// <summary>When this session began (a template built before it is rebuilt under <see cref="TemplateMode.Rebuild"/>).</summary>
    public DateTimeOffset StartedAt { get; }
    public MachineReadiness Readiness { get; }
    public CreateWatchdog Watchdog { get; }

    /// <summary>The <c>orbctl</c> world this session's machines live in (<see cref="OrbctlWorld"/>).</summary>
    public string World { get; }

    /// <summary>This session as ledger records name it.</summary>
    public SessionOwner Me { get; }

    /// <summary>The keyed spec hash (reads or makes the state directory's key on first use).</summary>
    public SpecHasher Hasher => _hasher.Value;

    /// <summary>How long a create (or reconciling after one) may take.</summary>
    public TimeSpan CreateTimeout => Options.Timeouts[Operation.Create];

    /// <summary>How long a session waits for another that provisions the same shared name: as long as that one may
    /// take for every create attempt and the reconciling after it.</summary>
    public TimeSpan NameLockTimeout => CreateTimeout * Math.Min(Options.Retry.MaxAttempts + 1, 101);

    /// <summary>A ledger record of <paramref name="journal"/>'s machine, written by this session.</summary>
    public LedgerRecord RecordFor(MachineJournal journal, LedgerState state, IReadOnlyList<SessionOwner>? leases = null) => new()
    {
        Name = journal.Name,
        LogicalName = journal.Spec.LogicalName,
        Kind = journal.Kind,
        World = World,
        Id = journal.MachineId,
        SpecHash = journal.SpecHash,
        Expected = journal.Expected,
        CreateStartedAt = journal.CreateStartedAt,
        ClonedFrom = journal.ClonedFrom,
        State = state,
        Owner = Me,
        Leases = leases ?? (journal.Kind == MachineKind.Session ? [] : [Me]),
        UpdatedAt = Time.GetUtcNow(),
    };
}
