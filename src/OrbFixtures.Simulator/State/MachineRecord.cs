namespace OrbFixtures.Simulator.State;

/// <summary>
/// One machine as persisted in the state file. Its state is derived from time, not stored: the record lists
/// timed phases (e.g. creating until t1, provisioning until t2) and the state it settles in afterwards. That is how a
/// create whose process was killed still completes "server-side".
/// </summary>
internal sealed class MachineRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The image name (<c>archlinux</c>, not the CLI token <c>arch</c>).</summary>
    public string Distro { get; set; } = "";

    /// <summary>The resolved codename or version.</summary>
    public string Version { get; set; } = "";
    public string Arch { get; set; } = "";
    public string Variant { get; set; } = "default";
    public string DefaultUsername { get; set; } = "";
    public bool Builtin { get; set; }

    /// <summary>The settings as configured now (what <c>info</c> and <c>config get</c> report).</summary>
    public MachineSettings Settings { get; set; } = MachineSettings.Unlimited;

    /// <summary>
    /// The settings the machine last booted with (what the guest sees); null for a clone that has never booted. A
    /// <c>config set</c> changes <see cref="Settings"/> only; the next boot applies it.
    /// </summary>
    public MachineSettings? Booted { get; set; }

    /// <summary>Until when a running machine is paused because it is being cloned; guest commands wait for it.</summary>
    public DateTimeOffset? PausedUntil { get; set; }

    /// <summary>When cloud-init finishes in the guest (a cloud clone runs it again after its first boot); null = done.</summary>
    public DateTimeOffset? CloudInitDoneAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<MachinePhase> Phases { get; set; } = [];

    /// <summary>The state once every phase has passed: running, stopped or deleted.</summary>
    public string Settled { get; set; } = MachineStates.Running;

    public string StateAt(DateTimeOffset now) => Phases.FirstOrDefault(p => now < p.Until)?.State ?? Settled;

    /// <summary>When the last phase ends (the moment the machine is settled).</summary>
    public DateTimeOffset SettledAt => Phases.Count == 0 ? CreatedAt : Phases.Max(p => p.Until);

    /// <summary>Records a boot: from now on the guest sees the configured settings.</summary>
    public void Boot() => Booted = Settings;

    /// <summary>Replaces the phases with consecutive ones starting at <paramref name="now"/>.</summary>
    public DateTimeOffset Transition(DateTimeOffset now, string settled, params (string State, double Ms)[] phases)
    {
        Phases = [];
        var at = now;
        foreach (var (state, ms) in phases)
        {
            at += TimeSpan.FromMilliseconds(ms);
            Phases.Add(new MachinePhase { State = state, Until = at });
        }

        Settled = settled;
        return at;
    }
}
