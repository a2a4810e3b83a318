using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Xunit.Tests;

public sealed class MachineTestCaseOrdererTests
{
    /// <summary>Sample tests; abstract so that xUnit never runs them.</summary>
    public abstract class Samples
    {
        [Fact] public void Zeta_plain() { }
        [Fact] public void Alpha_plain() { }
        [MachineFact] public void b_machine() { }
        [MachineFact] public void B_machine() { }
        [MachineFact(Order = -1)] public void Z_machine_early() { }
        [MachineFact(Order = 5)] public void A_machine_late() { }
        [MachineFact(Destructive = true)] public void A_destroys() { }
        [MachineFact(Destructive = true, Order = -10)] public void Z_destroys_first() { }
        [MachineTheory, InlineData(2), InlineData(1)] public void M_theory(int n) => _ = n;
        [MachineTheory(Destructive = true, Order = 1), InlineData(0)] public void C_destroys_theory(int n) => _ = n;
    }

    private static List<ITestCase> All() =>
    [
        TestCases.Machine(typeof(Samples), nameof(Samples.A_destroys)),
        TestCases.Machine(typeof(Samples), nameof(Samples.M_theory), 2),
        TestCases.Plain(typeof(Samples), nameof(Samples.Zeta_plain)),
        TestCases.Machine(typeof(Samples), nameof(Samples.b_machine)),
        TestCases.Machine(typeof(Samples), nameof(Samples.C_destroys_theory), 0),
        TestCases.Machine(typeof(Samples), nameof(Samples.A_machine_late)),
        TestCases.Machine(typeof(Samples), nameof(Samples.M_theory), 1),
        TestCases.Machine(typeof(Samples), nameof(Samples.Z_destroys_first)),
        TestCases.Machine(typeof(Samples), nameof(Samples.B_machine)),
        TestCases.Plain(typeof(Samples), nameof(Samples.Alpha_plain)),
        TestCases.Machine(typeof(Samples), nameof(Samples.Z_machine_early)),
    ];

    private static IEnumerable<string> Names(IEnumerable<ITestCase> cases) => cases.Select(c => c.DisplayName);

    [Fact]
    public void Plain_tests_come_first_then_machine_tests_by_order_and_name_and_destructive_ones_last()
    {
        var ordered = new MachineTestCaseOrderer().OrderTestCases(All());

        Assert.Equal(
            [
                "Alpha_plain", "Zeta_plain",
                "Z_machine_early",
                "B_machine", "M_theory(n: 1)", "M_theory(n: 2)", "b_machine",
                "A_machine_late",
                "Z_destroys_first", "A_destroys", "C_destroys_theory(n: 0)",
            ],
            Names(ordered));
    }

    [Fact]
    public void The_order_does_not_depend_on_the_order_tests_were_discovered_in()
    {
        var orderer = new MachineTestCaseOrderer();
        var expected = Names(orderer.OrderTestCases(All())).ToList();

        for (var seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            List<ITestCase> shuffled = [.. All().Select(c => (c, k: random.Next())).OrderBy(x => x.k).Select(x => x.c)];

            Assert.Equal(expected, Names(orderer.OrderTestCases(shuffled)));
        }
    }

    [Fact]
    public void Theory_rows_follow_their_display_names_whatever_order_they_arrive_in()
    {
        var rows = All().Where(c => c.TestMethod.Method.Name == nameof(Samples.M_theory)).ToList();

        Assert.Equal(["M_theory(n: 1)", "M_theory(n: 2)"], Names(new MachineTestCaseOrderer().OrderTestCases(rows)));
        rows.Reverse();
        Assert.Equal(["M_theory(n: 1)", "M_theory(n: 2)"], Names(new MachineTestCaseOrderer().OrderTestCases(rows)));
    }

    [Fact]
    public void The_names_for_TestCaseOrderer_point_at_the_orderer()
    {
        var type = typeof(MachineTestCaseOrderer);

        Assert.Equal(MachineTestCaseOrderer.TypeName, type.FullName);
        Assert.Equal(MachineTestCaseOrderer.AssemblyName, type.Assembly.GetName().Name);
    }
}
