using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit.Tests;

public sealed class SerializationTests
{
    /// <summary>Sample tests; abstract so that xUnit never runs them.</summary>
    public abstract class Samples
    {
        [MachineFact(Order = 3)] public void Fact() { }
        [MachineTheory, InlineData("ubuntu", 22)] public void Theory(string distro, int version) => _ = (distro, version);
    }

    // The VSTest adapter hands test cases from discovery to execution as strings ("run selected tests" in an IDE),
    // so a case that does not survive the trip would silently run as something else or not at all.
    [Fact]
    public void A_machine_fact_case_survives_serialization()
    {
        var original = TestCases.Machine(typeof(Samples), nameof(Samples.Fact));

        var copy = SerializationHelper.Deserialize<IXunitTestCase>(SerializationHelper.Serialize(original));

        var machineCase = Assert.IsType<MachineTestCase>(copy);
        Assert.Equal(original.UniqueID, machineCase.UniqueID);
        Assert.Equal(original.DisplayName, machineCase.DisplayName);
        Assert.Equal(nameof(Samples.Fact), machineCase.TestMethod.Method.Name);
    }

    [Fact]
    public void A_machine_theory_data_row_survives_serialization_with_its_arguments()
    {
        var original = TestCases.Machine(typeof(Samples), nameof(Samples.Theory), "ubuntu", 22);

        var copy = Assert.IsType<MachineTestCase>(SerializationHelper.Deserialize<IXunitTestCase>(SerializationHelper.Serialize(original)));

        Assert.Equal(["ubuntu", 22], copy.TestMethodArguments);
        Assert.Equal(original.UniqueID, copy.UniqueID);
        Assert.Equal(original.DisplayName, copy.DisplayName);
    }

    [Fact]
    public void A_run_time_enumerated_theory_case_survives_serialization()
    {
        var original = new MachineTheoryTestCase(new NullMessageSink(), TestMethodDisplay.Method, TestMethodDisplayOptions.None,
            TestCases.Method(typeof(Samples), nameof(Samples.Theory)));

        var copy = Assert.IsType<MachineTheoryTestCase>(SerializationHelper.Deserialize<IXunitTestCase>(SerializationHelper.Serialize(original)));

        Assert.Equal(original.UniqueID, copy.UniqueID);
        Assert.Null(copy.TestMethodArguments);
    }

    [Fact]
    public void The_theory_discoverer_makes_one_machine_case_per_data_row()
    {
        var method = TestCases.Method(typeof(Samples), nameof(Samples.Theory));
        var attribute = method.Method.GetCustomAttributes(typeof(MachineTheoryAttribute).AssemblyQualifiedName).Single();
        var options = new DiscoveryOptions();

        var cases = new MachineTheoryDiscoverer(new NullMessageSink()).Discover(options, method, attribute).ToList();

        var single = Assert.Single(cases);
        Assert.IsType<MachineTestCase>(single);
        Assert.Equal(["ubuntu", 22], single.TestMethodArguments);
    }

    [Fact]
    public void The_fact_discoverer_makes_a_machine_case()
    {
        var method = TestCases.Method(typeof(Samples), nameof(Samples.Fact));
        var attribute = method.Method.GetCustomAttributes(typeof(MachineFactAttribute).AssemblyQualifiedName).Single();

        var cases = new MachineFactDiscoverer(new NullMessageSink()).Discover(new DiscoveryOptions(), method, attribute);

        Assert.IsType<MachineTestCase>(Assert.Single(cases));
    }
}
