using OrbFixtures.Xunit;
using Xunit;

namespace MachineSuite;

/// <summary>Machine tests without a fixture (only OrbStack itself is needed), ordered by the assembly-level orderer.</summary>
public sealed class OrderTests
{
    [MachineFact(Destructive = true)] public void Destroys_last() => Log();
    [MachineFact] public void b_machine() => Log();
    [MachineFact(Order = -1)] public void Z_early() => Log();
    [Fact] public void Zulu_plain() => Log();
    [MachineTheory(Order = 2), InlineData(2), InlineData(1)] public void Theory_late(int n) => Log($"({n})");
    [MachineFact(Destructive = true, Order = -5)] public void Z_destroys_first() => Log();
    [Fact] public void Alpha_plain() => Log();
    [MachineFact] public void A_machine() => Log();

    private static void Log(string suffix = "", [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        SuiteLog.Write(name + suffix);
}
