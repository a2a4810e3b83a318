using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;

namespace OrbFixtures.Tests.Provisioning.Fakes;

/// <summary>Process liveness the test decides: <see cref="Current"/> and every identity in <see cref="Alive"/> run.</summary>
internal sealed class FakeLiveness : IProcessLiveness
{
    public static readonly DateTimeOffset Started = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ProcessIdentity Current { get; init; } = new(1000, Started);

    public HashSet<ProcessIdentity> Alive { get; } = [];

    /// <summary>The place of this test's processes.</summary>
    public static readonly ProcessPlace Here = new("machine-id:test", "testhost", "pid:[4026531836]");

    public ProcessPlace Place { get; init; } = Here;

    public bool IsAlive(ProcessIdentity owner) => owner == Current || Alive.Contains(owner);
}
