using System.Reflection;
using System.Runtime.CompilerServices;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.xUnit;
using Xunit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace OrbFixtures.Tests.Architecture;

/// <summary>
/// The layers of README "Contributing" that the compiler alone does not enforce. The engine's sub-namespaces
/// (<c>OrbCtl</c>, <c>Diagnostics</c>, <c>Configuration</c>, <c>Availability</c>, <c>Ownership</c>,
/// <c>Provisioning</c>...) are layers; the root namespace <c>OrbFixtures</c> is exempt from the cycle rule, because it
/// is the public surface: the facade types there (<c>MachineProvisioner</c>, <c>Machine</c>, <c>OrbStackProbe</c>)
/// call into the layers, and the layers use its vocabulary (<c>Operation</c>, <c>MachineSpec</c>, the options).
/// </summary>
public sealed class LayerTests
{
    private const string Root = "OrbFixtures";

    [Fact]
    public void The_engine_references_no_xunit_assembly()
    {
        Types().That().ResideInAssembly(EngineArchitecture.Engine)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Xunit")
            .Because("the engine serves every adapter (xUnit v2, v3, other frameworks) and must not depend on one")
            .Check(EngineArchitecture.EngineOnly);

        // Nor through an assembly that no engine type names in its signatures.
        var xunit = EngineArchitecture.Engine.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("xunit", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Name)
            .ToList();
        Assert.Empty(xunit);
    }

    [Fact]
    public void The_orbctl_transport_references_neither_provisioning_nor_ownership()
    {
        Types().That().ResideInNamespace($"{Root}.OrbCtl")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow($"{Root}.Provisioning")
                .Or().ResideInNamespaceOrBelow($"{Root}.Ownership"))
            .Because("the transport runs orbctl; deciding what to create, adopt or delete is the layers above it")
            .Check(EngineArchitecture.EngineOnly);
    }

    [Fact]
    public void The_engine_sub_namespaces_form_no_cycle()
    {
        // "OrbFixtures.(*)" slices by the first namespace segment below the root; types in the root namespace belong
        // to no slice, which is the documented exemption of the public surface.
        SliceRuleDefinition.Slices().Matching($"{Root}.(*)")
            .Should().BeFreeOfCycles()
            .Check(EngineArchitecture.EngineOnly);
    }

    [Fact]
    public void The_adapter_uses_only_the_public_engine_surface()
    {
        // As the IL shows it: the adapter depends on no engine type that is not public.
        Types().That().ResideInAssembly(EngineArchitecture.Adapter)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(EngineArchitecture.Engine).And().AreNotPublic())
            .Check(EngineArchitecture.EngineAndAdapter);

        // And by construction: no product assembly grants another its internals, so the compiler rejects any use.
        var products = ProductAssemblies.Names();
        Assert.Contains(EngineArchitecture.Engine.GetName().Name!, products);
        Assert.Contains(EngineArchitecture.Adapter.GetName().Name!, products);
        foreach (var assembly in new[] { EngineArchitecture.Engine, EngineArchitecture.Adapter })
        {
            var granted = assembly.GetCustomAttributes<InternalsVisibleToAttribute>()
                .Select(a => a.AssemblyName.Split(',')[0].Trim())
                .Where(products.Contains)
                .ToList();
            Assert.True(granted.Count == 0,
                $"{assembly.GetName().Name} grants its internals to the product assembly {string.Join(", ", granted)}; " +
                "make what it needs public (and add it to PublicAPI.Unshipped.txt) or move it into that assembly.");
        }
    }
}
