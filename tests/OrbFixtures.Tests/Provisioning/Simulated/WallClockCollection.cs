using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>Runs its tests alone: they assert wall-clock bounds the issue demands, which a machine busy with the
/// other simulator tests (every orbctl call is a process) could blow.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockCollection
{
    public const string Name = "Wall-clock bounded simulator tests";
}
