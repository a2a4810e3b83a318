using OrbFixtures.Xunit;
using Xunit.Sdk;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>
/// One machine for the whole test assembly (<c>[assembly: AssemblyFixture(typeof(BuildHost))]</c> in AssemblyInfo.cs):
/// provisioned before the first test that asks for it, shared by every collection, deleted after the last test of
/// the assembly. Without OrbStack it provisions nothing, like any <see cref="MachineFixture"/>.
/// </summary>
public sealed class BuildHost(IMessageSink messageSink) : MachineFixture(messageSink)
{
    public const string Alpine = "alpine";

    protected override IEnumerable<MachineSpec> Machines => [MachineSpec.Create(Alpine, "alpine:3.22")];
}
