using OrbFixtures.Xunit;
using Xunit.Sdk;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>
/// Two machines for the provisioning-resilience sample. On the simulator (launch profile "simulator") the first create
/// of <c>primary</c> hangs after making the machine and the first create of <c>replica</c> fails with a transient
/// error; on OrbStack they usually just work. Either way the tests get two ready machines, and the console shows what
/// provisioning went through (with <c>"diagnosticMessages": true</c>).
/// </summary>
public sealed class ResilientPair(IMessageSink messageSink) : MachineFixture(messageSink)
{
    public const string Primary = "primary";
    public const string Replica = "replica";

    protected override IEnumerable<MachineSpec> Machines =>
    [
        MachineSpec.Create(Primary, "ubuntu:24.04"),
        MachineSpec.Create(Replica, "debian:bookworm"),
    ];

    // Options set in code; ORBFIXTURES_* environment variables (e.g. from the launch profile) still win.
    protected override OrbFixturesOptions ConfigureOptions(OrbFixturesOptions options) =>
        options with { PollInterval = TimeSpan.FromMilliseconds(500) };
}
