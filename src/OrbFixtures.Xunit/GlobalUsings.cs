// Compiled into both adapters (OrbFixtures.Xunit for xUnit v2, OrbFixtures.XunitV3 with XUNIT_V3): the few names
// whose home differs between the two frameworks, so the shared files need no #if (the Testcontainers.XunitV3 pattern).
#if XUNIT_V3
global using Xunit.v3;
global using IMessageSink = Xunit.Sdk.IMessageSink;
global using ITestOutputHelper = Xunit.ITestOutputHelper;
global using LifetimeTask = System.Threading.Tasks.ValueTask;
#else
global using IMessageSink = Xunit.Abstractions.IMessageSink;
global using ITestOutputHelper = Xunit.Abstractions.ITestOutputHelper;
global using LifetimeTask = System.Threading.Tasks.Task;
#endif
