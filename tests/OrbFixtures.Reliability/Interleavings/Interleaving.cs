namespace OrbFixtures.Reliability.Interleavings;

/// <summary>One scenario of the tier: a name (the test that reports it) and the body that plays it, recording what
/// it sees and every broken promise in its <see cref="ScenarioRun"/>.</summary>
internal sealed record Interleaving(string Name, Func<ScenarioRun, Task> Play)
{
    /// <summary>Every scenario of the tier, in the order.</summary>
    public static IReadOnlyList<Interleaving> All { get; } =
    [
        ForeignInTheGap.LookupCreateGap,
        ForeignInTheGap.WatchdogSeesForeign,
        SharedReuse.ConcurrentSpecs,
        StaleSweeps.SlowSweep,
        SharedReuse.HandOver,
        StaleSweeps.OtherPidNamespace,
        UntrustedLedger.BadFiles,
        StaleSweeps.OrbctlWorldSwitch,
        SecretUserData.CrashDuringCreate,
    ];

    public override string ToString() => Name;
}
