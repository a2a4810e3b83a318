using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>Whether OrbStack can be used by this test process, and if not, why and how to fix it: the answer of
/// <see cref="OrbStackProbe.CheckAsync(OrbFixturesOptions)"/>.</summary>
public sealed record OrbStackAvailability
{
    // Only the probe answers (tests build answers through InternalsVisibleTo); orbctl's status enum is transport.
    internal OrbStackAvailability(
        bool isAvailable, string? orbctlPath, OrbStackStatus? status, string reason, IReadOnlyList<string> searched)
    {
        IsAvailable = isAvailable;
        OrbctlPath = orbctlPath;
        Status = status;
        Reason = reason;
        Searched = searched;
    }

    /// <summary>Whether <c>orbctl</c> was found and OrbStack reported <c>Running</c>.</summary>
    public bool IsAvailable { get; }

    /// <summary>The <c>orbctl</c> that was found, or <see langword="null"/>.</summary>
    public string? OrbctlPath { get; }

    /// <summary>What <c>orbctl status</c> answered last, or <see langword="null"/> when it did not answer
    /// (<see cref="Reason"/> says it in words).</summary>
    internal OrbStackStatus? Status { get; }

    /// <summary>A self-contained sentence: what was looked for, what was found, and how to fix it.</summary>
    public string Reason { get; }

    /// <summary>Every location that was searched for <c>orbctl</c>, in order.</summary>
    public IReadOnlyList<string> Searched { get; }

    /// <summary>Whether OrbStack was stopped and this probe started it (<c>ORBFIXTURES_AUTOSTART=true</c>); the
    /// adapters then say so in their diagnostic messages, since starting OrbStack is a visible side effect.</summary>
    public bool StartedOrbStack { get; internal init; }
}
