using OrbFixtures.Xunit;
using Xunit;

[assembly: TestCaseOrderer(MachineTestCaseOrderer.TypeName, MachineTestCaseOrderer.AssemblyName)]
