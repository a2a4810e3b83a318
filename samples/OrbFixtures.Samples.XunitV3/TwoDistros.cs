using OrbFixtures.Xunit;
using Xunit.Sdk;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>
/// Two machines of different distros, provisioned in parallel once for the <see cref="TwoDistrosCollection"/> and
/// deleted after its last test. Tests reach them by logical name: <c>this["ubuntu"]</c>, <c>this["debian"]</c>.
/// </summary>
public sealed class TwoDistros(IMessageSink messageSink) : MachineFixture(messageSink)
{
    public const string Ubuntu = "ubuntu";
    public const string Debian = "debian";

    /// <summary>The default Linux user of the Ubuntu machine (otherwise it is named like your user on the host).</summary>
    public const string UbuntuUser = "app";

    protected override IEnumerable<MachineSpec> Machines =>
    [
        MachineSpec.Create(Ubuntu, "ubuntu:22.04").WithUser(UbuntuUser),
        MachineSpec.Create(Debian, "debian:bookworm"),
    ];
}
