using OrbFixtures.Xunit;
using Xunit;

namespace MachineSuite;

/// <summary>A theory whose data cannot be serialized, so xUnit enumerates it at run time (MachineTheoryTestCase).</summary>
public sealed class RuntimeDataTests
{
    public sealed class Distro(string name)
    {
        public string Name { get; } = name;

        public override string ToString() => Name;
    }

    public static TheoryData<Distro> Distros => [new Distro("ubuntu"), new Distro("debian")];

    [MachineTheory]
    [MemberData(nameof(Distros))]
    public void Rows_enumerated_at_run_time(Distro distro) => Assert.False(string.IsNullOrEmpty(distro.Name));
}
