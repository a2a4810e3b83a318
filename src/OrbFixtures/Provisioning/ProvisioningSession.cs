using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>The services one provisioner's machines share: client, ledger, gate, clock, readiness and watchdog.</summary>
internal sealed class ProvisioningSession
{
    public ProvisioningSession(OrbFixturesOptions options, ProvisionerServices services)
    {
        Options = options;
        Time = options.TimeProvider;
        Ledger = new OwnershipLedger(options.StateDirectory);
        Liveness = services.Liveness ?? SystemProcessLiveness.Instance;
        // Unconfigured: where OrbStack installs it, as the availability probe looks (a bare "orbctl" if nowhere, so the
        // first call fails with the client's own not-found error).
        var orbctlPath = options.OrbctlPath ?? OrbctlLocator.ForThisProcess().Locate(configuredPath: null).Path ?? OrbctlLocator.Executable;
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
        Random = services.Random ?? options.Retry.Randomizer ?? System.Random.Shared.NextDouble;
        SessionId = services.SessionId ?? MachineNaming.NewSessionId(id => id == MachineNaming.ReuseMarker || Ledger.HasSession(id));
        Readiness = new MachineReadiness(Client, Time, options.PollInterval);
        Watchdog = new CreateWatchdog(Readiness, Time);
    }

    public OrbFixturesOptions Options { get; }
    public TimeProvider Time { get; }
    public IOrbCtlClient Client { get; }
    public OwnershipLedger Ledger { get; }
    public IProcessLiveness Liveness { get; }
    public CreateGate Gate { get; }
    public Func<double> Random { get; }
    public string SessionId { get; }
    public MachineReadiness Readiness { get; }
    public CreateWatchdog Watchdog { get; }

    /// <summary>How long a create (or reconciling after one) may take.</summary>
    public TimeSpan CreateTimeout => Options.Timeouts[Operation.Create];

    /// <summary>A ledger record owned by this process and session.</summary>
    public LedgerRecord RecordFor(MachineJournal journal, string? id, LedgerState state) => new(
        journal.Name, journal.Spec.LogicalName, id, Liveness.Current.Pid, Liveness.Current.StartTime, SessionId,
        journal.SpecHash, state, Time.GetUtcNow());
}
