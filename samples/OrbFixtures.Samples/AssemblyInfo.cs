using OrbFixtures.Xunit;
using Xunit;

// Plain tests first, then machine tests by Order and name, destructive ones last, in every class of the assembly.
[assembly: TestCaseOrderer(MachineTestCaseOrderer.TypeName, MachineTestCaseOrderer.AssemblyName)]
