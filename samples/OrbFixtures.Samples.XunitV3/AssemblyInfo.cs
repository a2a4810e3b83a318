using OrbFixtures.Samples.XunitV3;
using OrbFixtures.Xunit;
using Xunit;

// Plain tests first, then machine tests by Order and name, destructive ones last, in every class of the assembly.
[assembly: TestCaseOrderer(typeof(MachineTestCaseOrderer))]

// One machine shared by every test of the assembly, whatever its collection (see BuildHostTests.cs).
[assembly: AssemblyFixture(typeof(BuildHost))]
