using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Samples;

/// <summary>
/// A machine that serves a web page, ready only when it really serves it. Cloud-init writes the page and a systemd
/// unit that serves it; the wait strategies then hold the tests back until cloud-init has finished, the unit is
/// active (both checked inside the guest) and an HTTP GET from the host answers 2xx (checked from the test process,
/// at the machine's address). Without them a test would race the boot.
/// </summary>
public sealed class WebMachine : MachineFixture, IDisposable
{
    public const string Web = "web";
    public const string Unit = "demo-web";
    public const string Greeting = "hello from the machine";

    // On the simulator, which runs no guest programs, this test process plays the machine's web server on loopback, and
    // samples/provisioning-hang.json pins the machine's ip4 to 127.0.0.1 so requests reach it. On OrbStack it is null.
    private readonly SimulatedWebServer? _standIn = SimulatedWebServer.StartWhenSimulated(Greeting);

    public WebMachine(IMessageSink messageSink) : base(messageSink)
    {
    }

    /// <summary>The port the page is served on.</summary>
    public int Port => _standIn?.Port ?? 8000;

    protected override IEnumerable<MachineSpec> Machines =>
    [
        MachineSpec.Create(Web, "ubuntu:24.04")
            .WithUserData($"""
                #cloud-config
                write_files:
                  - path: /srv/www/index.html
                    content: "{Greeting}"
                  - path: /etc/systemd/system/{Unit}.service
                    content: |
                      [Service]
                      ExecStart=/usr/bin/python3 -m http.server {Port} --directory /srv/www
                      [Install]
                      WantedBy=multi-user.target
                runcmd:
                  - [systemctl, enable, --now, {Unit}]
                """)
            .WithWaitFor(
                WaitFor.CloudInit(),
                WaitFor.SystemdUnit(Unit).WithTimeout(TimeSpan.FromMinutes(2)),
                WaitFor.Http(Port, "/").WithTimeout(TimeSpan.FromMinutes(1))),
    ];

    protected override OrbFixturesOptions ConfigureOptions(OrbFixturesOptions options) =>
        options with { WaitPollInterval = TimeSpan.FromMilliseconds(200) };

    public void Dispose() => _standIn?.Dispose();
}
