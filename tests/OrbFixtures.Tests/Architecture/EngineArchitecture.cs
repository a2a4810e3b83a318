using System.Reflection;
using ArchUnitNET.Loader;
using OrbFixtures.Xunit;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace OrbFixtures.Tests.Architecture;

/// <summary>The product assemblies as ArchUnitNET sees them (loaded once: reading the IL takes a moment).</summary>
internal static class EngineArchitecture
{
    public static Assembly Engine { get; } = typeof(Machine).Assembly;

    public static Assembly Adapter { get; } = typeof(MachineFixture).Assembly;

    /// <summary>The engine alone: the namespace rules are about its folders.</summary>
    public static ArchitectureModel EngineOnly { get; } = new ArchLoader().LoadAssemblies(Engine).Build();

    /// <summary>The engine and the xUnit adapter.</summary>
    public static ArchitectureModel EngineAndAdapter { get; } = new ArchLoader().LoadAssemblies(Engine, Adapter).Build();
}
