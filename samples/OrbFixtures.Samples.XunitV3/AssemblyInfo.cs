using OrbFixtures.Samples.XunitV3;
using OrbFixtures.Xunit;
using Xunit;

// Plain tests first, then machine tests by Order and name, destructive ones last, in every class of the assembly.
// xUnit 4.x orders a class's methods, then each method's cases (theory rows): the orderer does both.
[assembly: TestMethodOrderer(typeof(MachineTestCaseOrderer))]
[assembly: TestCaseOrderer(typeof(MachineTestCaseOrderer))]

// One machine shared by every test of the assembly, whatever its collection (see BuildHostTests.cs).
[assembly: AssemblyFixture(typeof(BuildHost))]
