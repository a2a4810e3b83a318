using System.Globalization;

namespace OrbFixtures.Ownership;

/// <summary>
/// The rule every action on a machine follows: OrbFixtures adopts, starts, stops or deletes a machine only with proof
/// that it is the machine its record describes. Proof is either
/// <list type="bullet">
/// <item>the ULID recorded from this machine's own lookup or create, or</item>
/// <item>for a machine first seen after a <c>create</c> of its name began (the watchdog, "already exists", reconciling,
/// or the reaper on a record without a ULID): a ULID whose embedded creation time is not earlier than the start of that
/// first <c>create</c> minus <see cref="ClockSkew"/>, and an image, version, architecture and user that match the spec
/// (<see cref="ExpectedMachine"/>).</item>
/// </list>
/// Anything else is foreign: left untouched and reported.
/// </summary>
internal static class OwnershipProof
{
    /// <summary>How much earlier than the start of our <c>create</c> a machine's ULID time may be and still count as
    /// made by it. OrbStack stamps the ULID on the same Mac, after the request arrived, so only clock adjustments and
    /// millisecond rounding need room.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMilliseconds(500);

    /// <summary>Checks <paramref name="info"/> against what is known of the machine.</summary>
    /// <param name="info">What <c>orbctl info</c> said.</param>
    /// <param name="recordedId">The ULID recorded for the machine, when known.</param>
    /// <param name="createStartedAt">When the first <c>create</c> of the name began, when one did.</param>
    /// <param name="expected">What the machine must look like for a proof by creation time.</param>
    public static ProofResult Check(MachineInfo info, string? recordedId, DateTimeOffset? createStartedAt, ExpectedMachine expected)
    {
        if (recordedId is not null)
            return info.Id == recordedId
                ? ProofResult.Proven(ProofKind.RecordedId, $"its ULID {info.Id} is the one recorded")
                : ProofResult.Refuted(ProofKind.OtherThanRecordedId, $"its ULID {info.Id} is not the recorded {recordedId}, so it was replaced by another machine");
        if (createStartedAt is not { } started)
            return ProofResult.Refuted(ProofKind.NoCreateStarted, "no create of that name was started, so nothing can prove it is ours");
        if (Ulid.TimeOf(info.Id) is not { } made)
            return ProofResult.Refuted(ProofKind.IdNotUlid, $"its ID '{info.Id}' is not a ULID, so its creation time cannot be checked");
        if (made < started - ClockSkew)
            return ProofResult.Refuted(ProofKind.MadeBeforeCreate,
                $"it was made at {Format(made)}, before our create began at {Format(started)}, so another process made it");
        if (expected.Mismatch(info) is { } mismatch)
            return ProofResult.Refuted(ProofKind.SpecMismatch, $"{mismatch}, so another process made it");
        return ProofResult.Proven(ProofKind.MadeAfterCreate, $"it was made at {Format(made)}, after our create began at {Format(started)}, from the spec's image");
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}

/// <summary>Which rule proved or refuted a machine: what callers and tests act on; <see cref="ProofResult.Reason"/>
/// says it in words for messages.</summary>
internal enum ProofKind
{
    /// <summary>Proven: its ULID is the one recorded.</summary>
    RecordedId,
    /// <summary>Proven: its ULID time is not before our create began (within the skew) and its image and user match.</summary>
    MadeAfterCreate,
    /// <summary>Refuted: a ULID was recorded and this machine has another one.</summary>
    OtherThanRecordedId,
    /// <summary>Refuted: nothing was recorded and no create of the name was started.</summary>
    NoCreateStarted,
    /// <summary>Refuted: its ID is not a ULID, so its creation time is unknown.</summary>
    IdNotUlid,
    /// <summary>Refuted: it was made before our create began (beyond the skew).</summary>
    MadeBeforeCreate,
    /// <summary>Refuted: its image, version, architecture or user differs from the spec.</summary>
    SpecMismatch,
}

/// <summary>Whether a machine is proven to be the one a record describes, and why.</summary>
/// <param name="IsProven">Whether it is.</param>
/// <param name="Kind">The rule that decided.</param>
/// <param name="Reason">Why (or why not), as a clause for messages.</param>
internal readonly record struct ProofResult(bool IsProven, ProofKind Kind, string Reason)
{
    public static ProofResult Proven(ProofKind kind, string reason) => new(true, kind, reason);
    public static ProofResult Refuted(ProofKind kind, string reason) => new(false, kind, reason);
}
