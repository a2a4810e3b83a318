using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit.Tests;

public sealed class MachineFixtureTests
{
    private sealed class RecordingSink : LongLivedMarshalByRefObject, IMessageSink
    {
        public List<string> Lines { get; } = [];

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is IDiagnosticMessage d) Lines.Add(d.Message);
            return true;
        }
    }

    private sealed class Stack(IMessageSink sink, params MachineSpec[] specs) : MachineFixture(sink)
    {
        public OrbFixturesOptions? Configured { get; private set; }

        protected override IEnumerable<MachineSpec> Machines => specs;

        protected override OrbFixturesOptions ConfigureOptions(OrbFixturesOptions options) =>
            Configured = options with { NamePrefix = "code", OrbctlPath = "/from/code/orbctl" };
    }

    private static readonly OrbStackAvailability s_absent =
        new(false, null, null, "OrbStack is not available: orbctl was not found. Searched: PATH.", ["PATH"]);

    private static Stack Fixture(RecordingSink sink, Dictionary<string, string?> environment, List<OrbFixturesOptions> probed,
        params MachineSpec[] specs) =>
        new(sink, specs.Length == 0 ? [MachineSpec.Create("db", "ubuntu")] : specs)
        {
            Environment = environment,
            Probe = options =>
            {
                probed.Add(options);
                return Task.FromResult(s_absent);
            },
            CreateProvisioner = _ => throw new InvalidOperationException("must not provision when OrbStack is absent"),
        };

    [Fact]
    public async Task Absent_OrbStack_is_recorded_and_logged_once_instead_of_thrown_and_nothing_is_provisioned()
    {
        var sink = new RecordingSink();
        var fixture = Fixture(sink, [], []); // its CreateProvisioner throws: provisioning would fail the initialization

        await fixture.InitializeAsync();

        Assert.Same(s_absent, fixture.Availability);
        Assert.False(fixture.Options?.Require);
        Assert.Single(sink.Lines, l => l.Contains(s_absent.Reason, StringComparison.Ordinal));
        Assert.Empty(fixture.ReadyMachines);
        Assert.Empty(fixture.MachineLogs);
        await fixture.DisposeAsync();
    }

    [Fact]
    public async Task Absent_OrbStack_is_recorded_instead_of_thrown_also_when_required()
    {
        var fixture = Fixture(new RecordingSink(), new() { ["ORBFIXTURES_REQUIRE"] = "yes" }, []);

        await fixture.InitializeAsync();

        Assert.Same(s_absent, fixture.Availability);
        Assert.True(fixture.Options?.Require); // the machine tests read it and fail
    }

    [Fact]
    public async Task Asking_for_a_machine_when_OrbStack_is_unavailable_says_so_with_the_reason()
    {
        var fixture = Fixture(new RecordingSink(), [], []);
        await fixture.InitializeAsync();

        var e = Assert.Throws<InvalidOperationException>(() => fixture["db"]);

        Assert.StartsWith("Stack has no machine 'db': OrbStack is unavailable, so it provisioned none.", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(s_absent.Reason, e.Message, StringComparison.Ordinal);
        Assert.Same(e.GetType(), Assert.ThrowsAny<Exception>(() => fixture.GetMachine("web")).GetType());
    }

    [Fact]
    public async Task Starting_OrbStack_is_said_in_a_diagnostic_line()
    {
        var sink = new RecordingSink();
        var started = new OrbStackAvailability(true, "/usr/local/bin/orbctl", OrbCtl.OrbStackStatus.Running,
            "OrbStack is running (orbctl at /usr/local/bin/orbctl). It was stopped, so OrbFixtures started it.", [])
        { StartedOrbStack = true };
        var fixture = new Stack(sink, MachineSpec.Create("db", "ubuntu"))
        {
            Environment = new Dictionary<string, string?>(),
            Probe = _ => Task.FromResult(started),
            CreateProvisioner = _ => throw new InvalidOperationException("stop here: only the lines before provisioning matter"),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(fixture.InitializeAsync);

        Assert.Contains(sink.Lines, l => l == "OrbFixtures Stack: " + started.Reason);
    }

    [Fact]
    public async Task The_probe_sees_code_options_overridden_by_the_environment()
    {
        var probed = new List<OrbFixturesOptions>();
        var fixture = Fixture(new RecordingSink(), new() { ["ORBFIXTURES_ORBCTL"] = "/from/env/orbctl" }, probed);

        await fixture.InitializeAsync();

        var options = Assert.Single(probed);
        Assert.Equal("/from/env/orbctl", options.OrbctlPath);
        Assert.Equal("code", options.NamePrefix);
        Assert.NotNull(fixture.Configured);
    }

    [Fact]
    public async Task An_invalid_configuration_fails_before_anything_is_probed()
    {
        var probed = new List<OrbFixturesOptions>();
        var fixture = Fixture(new RecordingSink(), new() { ["ORBFIXTURES_TIMEOUT_CREATE"] = "banana" }, probed);

        var e = await Assert.ThrowsAsync<OrbFixturesConfigurationException>(fixture.InitializeAsync);

        Assert.Equal("ORBFIXTURES_TIMEOUT_CREATE", e.Key);
        Assert.Empty(probed);
    }

    [Fact]
    public async Task Duplicate_logical_names_are_rejected_before_anything_is_probed()
    {
        var probed = new List<OrbFixturesOptions>();
        var fixture = Fixture(new RecordingSink(), [], probed, MachineSpec.Create("db", "ubuntu"), MachineSpec.Create("db", "debian"));

        var e = await Assert.ThrowsAsync<ArgumentException>(fixture.InitializeAsync);

        Assert.Contains("'db' 2 times", e.Message, StringComparison.Ordinal);
        Assert.Empty(probed);
    }

    [Fact]
    public async Task An_invalid_spec_is_rejected_before_anything_is_probed()
    {
        var probed = new List<OrbFixturesOptions>();
        const string Distro = "-windows"; // an option, not a distro: it would change orbctl's argv (an unknown distro is orbctl's to refuse)
        var fixture = Fixture(new RecordingSink(), [], probed, MachineSpec.Create("db", Distro));

        var e = await Assert.ThrowsAsync<ArgumentException>(fixture.InitializeAsync);

        Assert.Contains(Distro, e.Message, StringComparison.Ordinal);
        Assert.Contains(Validation.ArgvRules.ImageTokenRule, e.Message, StringComparison.Ordinal);
        Assert.Empty(probed);
    }

    [Fact]
    public void Asking_for_an_unknown_machine_names_the_ready_ones()
    {
        var fixture = Fixture(new RecordingSink(), [], []);

        var e = Assert.Throws<KeyNotFoundException>(() => fixture["web"]);

        Assert.Equal("Stack has no ready machine named 'web'. Ready machines: none.", e.Message);
    }
}
