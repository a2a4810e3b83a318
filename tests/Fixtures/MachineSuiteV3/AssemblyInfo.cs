using MachineSuite;
using OrbFixtures.Xunit;
using Xunit;

[assembly: TestMethodOrderer(typeof(MachineTestCaseOrderer))]
[assembly: TestCaseOrderer(typeof(MachineTestCaseOrderer))]
[assembly: AssemblyFixture(typeof(SharedStack))]
