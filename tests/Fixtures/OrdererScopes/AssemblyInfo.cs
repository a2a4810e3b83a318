using Xunit;

// A different orderer at assembly level, so that the collection- and class-level MachineTestCaseOrderer visibly win.
[assembly: TestCaseOrderer("OrdererScopes.ReverseNameOrderer", "OrdererScopes")]
