using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>Where the provisioning of one machine writes what it does: notes in the machine's
/// <see cref="AttemptHistory"/>, human-readable progress lines, and the facts the run report needs. It also holds what
/// proves the machine is ours (<see cref="Prove"/>): the ULID once proven, when our first create began, and what the
/// machine must look like.</summary>
internal sealed class MachineJournal
{
    private readonly TimeProvider _time;
    private readonly Action<string> _progress;
    private readonly long _startTimestamp;

    public MachineJournal(MachineSpec spec, string name, string specHash, AttemptHistory history, TimeProvider time, Action<string> progress)
    {
        Spec = spec;
        Name = name;
        History = history;
        _time = time;
        _progress = progress;
        _startTimestamp = time.GetTimestamp();
        StartedAt = time.GetUtcNow();
        SpecHash = specHash;
        Expected = ExpectedMachine.From(spec);
    }

    public MachineSpec Spec { get; }
    public string Name { get; }
    public AttemptHistory History { get; }
    public DateTimeOffset StartedAt { get; }

    /// <summary>The spec's keyed hash (what reuse compares).</summary>
    public string SpecHash { get; }

    /// <summary>Whether the name is this session's own or shared by reuse.</summary>
    public MachineKind Kind => Spec.Reuse ? MachineKind.Reusable : MachineKind.Session;

    /// <summary>What the machine must look like to be proven by its creation time.</summary>
    public ExpectedMachine Expected { get; }

    /// <summary>When this session's first <c>create</c> of the name began; <see langword="null"/> before.</summary>
    public DateTimeOffset? CreateStartedAt { get; set; }

    /// <summary>How the machine came to be ready: <c>created</c>, <c>adopted</c>, <c>reused</c>, <c>watchdog</c>, ....</summary>
    public string? How { get; set; }

    /// <summary>How many <c>create</c> processes were started.</summary>
    public int CreateAttempts { get; set; }

    /// <summary>How many hung creates the watchdog cut short by adopting the machine.</summary>
    public int HangsAdopted { get; set; }

    /// <summary>The machine's ULID, once proven to be ours (<see cref="Prove"/>).</summary>
    public string? MachineId { get; set; }

    /// <summary>How long it took until the machine was ready; <see langword="null"/> until then (or when it failed).</summary>
    public TimeSpan? ReadyAfter { get; set; }

    /// <summary>Why provisioning failed (one line, no secrets); <see langword="null"/> when it did not.</summary>
    public string? Failure { get; set; }

    /// <summary>What teardown did with the machine (<c>deleted</c>, <c>stopped</c>, <c>kept</c>, ...).</summary>
    public string? Cleanup { get; set; }

    /// <summary>Time since provisioning of this machine started.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_startTimestamp);

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Whether <paramref name="info"/> is provably this journal's machine (<see cref="OwnershipProof"/>); the
    /// first proof by creation time fixes <see cref="MachineId"/>, so every later sighting must match it exactly.</summary>
    public ProofResult Prove(MachineInfo info)
    {
        var proof = OwnershipProof.Check(info, MachineId, CreateStartedAt, Expected);
        if (proof.IsProven && MachineId is null)
        {
            MachineId = info.Id;
            Note($"ownership: {info.Id} is ours: {proof.Reason}");
        }
        return proof;
    }

    /// <summary>Records a step or decision in the history.</summary>
    public void Note(string message) => History.Note(_time.GetUtcNow(), message);

    /// <summary>Records a step in the history and reports it as a progress line.</summary>
    public void Progress(string message)
    {
        Note(message);
        _progress($"{Spec.LogicalName} ({Name}): {message}");
    }
}
