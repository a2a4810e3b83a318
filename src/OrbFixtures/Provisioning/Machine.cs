using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;

namespace OrbFixtures;

/// <summary>
/// A ready machine handed out by <see cref="MachineProvisioner.EnsureAsync"/>. Commands run as argv lists inside
/// the machine (never through a host shell); each is recorded (the last <see cref="OrbFixturesOptions.CommandHistorySize"/>)
/// for failure diagnostics and raised through <see cref="CommandCompleted"/>.
/// </summary>
public sealed partial class Machine
{
    private readonly IOrbCtlClient _client;
    private readonly OrbFixturesOptions _options;
    private readonly MachineJournal _journal;
    private readonly MachineReadiness _readiness;
    private readonly object _gate = new();
    private readonly Queue<CommandRecord> _commands = new();
    private readonly List<string> _failedTests = [];
    private volatile MachineInfo _info;

    internal Machine(MachineSpec spec, MachineInfo info, AttemptHistory history, IOrbCtlClient client, OrbFixturesOptions options)
        : this(new MachineJournal(spec, info.Name, specHash: "", history, options.TimeProvider, static _ => { }) { MachineId = info.Id }, info, client, options,
            new MachineReadiness(client, options.TimeProvider, options.PollInterval))
    {
    }

    internal Machine(MachineJournal journal, MachineInfo info, IOrbCtlClient client, OrbFixturesOptions options, MachineReadiness readiness)
    {
        _journal = journal;
        _info = info;
        _client = client;
        _options = options;
        _readiness = readiness;
    }

    /// <summary>The spec this machine was provisioned from.</summary>
    public MachineSpec Spec => _journal.Spec;

    /// <summary>The name tests use (<see cref="MachineSpec.LogicalName"/>).</summary>
    public string LogicalName => Spec.LogicalName;

    /// <summary>The real OrbStack name, <c>&lt;prefix&gt;-&lt;session&gt;-&lt;logical&gt;</c>.</summary>
    public string Name => _info.Name;

    /// <summary>The machine's ULID.</summary>
    public string Id => _info.Id;

    /// <summary>What orbctl reported when the machine (last) became ready.</summary>
    public MachineInfo Info => _info;

    /// <summary>The machine's IPv4 address, when OrbStack reports it.</summary>
    public string? IPv4 => _info.IPv4;

    /// <summary>Every provisioning attempt and decision for this machine.</summary>
    public AttemptHistory History => _journal.History;

    /// <summary>The most recent commands run in this machine, oldest first.</summary>
    public IReadOnlyList<CommandRecord> RecentCommands
    {
        get { lock (_gate) return [.. _commands]; }
    }

    /// <summary>Raised after every command run in this machine (also when it failed to run).</summary>
    public event EventHandler<CommandRecord>? CommandCompleted;

    /// <summary>The tests that failed while using this machine (for <see cref="CleanupPolicy.KeepOnFailure"/>).</summary>
    internal IReadOnlyList<string> FailedTests
    {
        get { lock (_gate) return [.. _failedTests]; }
    }

    internal MachineJournal Journal => _journal;

    /// <summary>Marks the machine as used by a failed test (for <see cref="CleanupPolicy.KeepOnFailure"/>).</summary>
    internal void RecordFailedTest(string testDisplayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testDisplayName);
        lock (_gate)
        {
            if (!_failedTests.Contains(testDisplayName)) _failedTests.Add(testDisplayName);
        }
        _journal.Note($"test failed while using this machine: {testDisplayName}");
    }

    /// <summary>Describes the machine: logical and real name, image and address.</summary>
    public override string ToString() =>
        $"{LogicalName} ({Name}, {_info.Image.Distro} {_info.Image.Version} {_info.Image.Arch}{(IPv4 is null ? "" : $", {IPv4}")})";
}
