using OrbFixtures.Xunit;
using Xunit;

namespace OrdererScopes;

/// <summary>The same five tests in three classes; only the orderer that applies differs.</summary>
public abstract class ScopeTests
{
    [Fact] public void B_plain() => Log();
    [Fact] public void A_plain() => Log();
    [MachineFact] public void M_b() => Log();
    [MachineFact(Order = -1)] public void M_z() => Log();
    [MachineFact(Destructive = true)] public void D_a() => Log();

    private void Log([System.Runtime.CompilerServices.CallerMemberName] string name = "") => ScopeLog.Write($"{GetType().Name}.{name}");
}

/// <summary>Only the assembly-level (reverse) orderer applies.</summary>
public sealed class AssemblyScope : ScopeTests;

[CollectionDefinition(Name)]
[TestCaseOrderer(MachineTestCaseOrderer.TypeName, MachineTestCaseOrderer.AssemblyName)]
public sealed class OrderedCollection
{
    public const string Name = "ordered-by-collection";
}

[Collection(OrderedCollection.Name)]
public sealed class CollectionScope : ScopeTests;

[TestCaseOrderer(MachineTestCaseOrderer.TypeName, MachineTestCaseOrderer.AssemblyName)]
public sealed class ClassScope : ScopeTests;
