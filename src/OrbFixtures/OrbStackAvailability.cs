using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>Whether OrbStack can be used by this test process, and if not, why and how to fix it.</summary>
/// <param name="IsAvailable">Whether <c>orbctl</c> was found and OrbStack reported <c>Running</c>.</param>
/// <param name="OrbctlPath">The <c>orbctl</c> that was found, or <see langword="null"/>.</param>
/// <param name="Status">What <c>orbctl status</c> answered last, or <see langword="null"/> when it did not answer.</param>
/// <param name="Reason">A self-contained sentence: what was looked for, what was found, and how to fix it.</param>
/// <param name="Searched">Every location that was searched for <c>orbctl</c>, in order.</param>
public sealed record OrbStackAvailability(
    bool IsAvailable,
    string? OrbctlPath,
    OrbStackStatus? Status,
    string Reason,
    IReadOnlyList<string> Searched)
{
    /// <summary>Whether OrbStack was stopped and this probe started it (<c>ORBFIXTURES_AUTOSTART=true</c>); the
    /// adapters then say so in their diagnostic messages, since starting OrbStack is a visible side effect.</summary>
    public bool StartedOrbStack { get; init; }
}
