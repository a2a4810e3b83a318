using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>The provisioning of one machine: where it records what happens (its <see cref="MachineLog"/>), and what proves
/// the machine is ours (<see cref="Prove"/>): the ULID once proven, when our first create began, and what the machine must
/// look like. Facts about the provisioning (how many creates, how it became ready) are queries over the log.</summary>
internal sealed class MachineJournal
{
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;

    private readonly MachineKind? _kind;

    public MachineJournal(MachineSpec spec, string name, string specHash, MachineLog log, TimeProvider time, MachineKind? kind = null)
    {
        _kind = kind;
        Spec = spec;
        Name = name;
        Log = log;
        _time = time;
        _startTimestamp = time.GetTimestamp();
        StartedAt = time.GetUtcNow();
        SpecHash = specHash;
        Expected = ExpectedMachine.From(spec);
        CreateSpec = spec;
    }

    public MachineSpec Spec { get; }

    /// <summary>The spec <c>create</c> runs with: <see cref="Spec"/>, except for a template recipe created from scratch
    /// (<see cref="TemplateMode.Off"/>), which carries the template's user data.</summary>
    public MachineSpec CreateSpec { get; init; } = null!;
    public string Name { get; }
    public MachineLog Log { get; }
    public DateTimeOffset StartedAt { get; }

    /// <summary>The spec's keyed hash (what reuse compares).</summary>
    public string SpecHash { get; }

    /// <summary>Whether the name is this session's own or shared by reuse.</summary>
    public MachineKind Kind => _kind ?? (Spec.Reuse ? MachineKind.Reusable : MachineKind.Session);

    /// <summary>What the machine must look like to be proven by its creation time.</summary>
    public ExpectedMachine Expected { get; }

    /// <summary>When this session's first <c>create</c> of the name began; <see langword="null"/> before.</summary>
    public DateTimeOffset? CreateStartedAt { get; set; }

    /// <summary>The template machine this machine is cloned from, once its clone is decided; written into its record.</summary>
    public string? ClonedFrom { get; set; }

    /// <summary>The machine's ULID, once proven to be ours (<see cref="Prove"/>).</summary>
    public string? MachineId { get; set; }

    /// <summary>How many <c>create</c> processes were started.</summary>
    public int CreateAttempts => Log.OfType<CreateStarted>().Count;

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
            Log.Append(new OwnershipProven(Now, info.Id, proof.Reason));
        }
        return proof;
    }

    /// <summary>Appends what <paramref name="happened"/> at this moment (the function receives the time).</summary>
    public void Record(Func<DateTimeOffset, MachineEvent> happened) => Log.Append(happened(Now));
}
