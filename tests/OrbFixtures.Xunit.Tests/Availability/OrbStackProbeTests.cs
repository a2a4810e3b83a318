using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using OrbFixtures.Availability;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Xunit.Tests.Availability;

public sealed class OrbStackProbeTests
{
    private const string Orbctl = "/opt/orb/orbctl";
    private readonly FakeTimeProvider _time = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<OrbStackAvailability>>> _answers = new();

    private OrbFixturesOptions Options(bool autoStart = false) => new()
    {
        OrbctlPath = Orbctl,
        AutoStart = autoStart,
        PollInterval = TimeSpan.FromSeconds(1),
        Timeouts = OperationTimeouts.Default.With(Operation.Start, TimeSpan.FromSeconds(10)),
        TimeProvider = _time,
    };

    private Task<OrbStackAvailability> Probe(FakeOrbCtlClient client, OrbFixturesOptions? options = null, string? existing = Orbctl) =>
        OrbStackProbe.CheckAsync(
            new OrbStackAvailabilityCheck(options ?? Options(), new OrbctlLocator(p => p == existing, "/bin", "/home/dev"), _ => client),
            _answers);

    /// <summary>Advances the fake clock one poll interval at a time until the probe answers.</summary>
    private async Task<OrbStackAvailability> Drive(Task<OrbStackAvailability> probe)
    {
        for (var i = 0; i < 1000 && !probe.IsCompleted; i++)
        {
            await Task.Yield();
            if (!probe.IsCompleted) _time.Advance(TimeSpan.FromMilliseconds(500));
        }
        return await probe;
    }

    [Fact]
    public async Task Running_OrbStack_is_available()
    {
        var answer = await Probe(new FakeOrbCtlClient(OrbStackStatus.Running));

        Assert.True(answer.IsAvailable);
        Assert.Equal(Orbctl, answer.OrbctlPath);
        Assert.Equal(OrbStackStatus.Running, answer.Status);
    }

    [Fact]
    public async Task Without_orbctl_the_reason_names_what_was_searched_and_how_to_fix_it()
    {
        var client = new FakeOrbCtlClient(OrbStackStatus.Running);

        var configured = "/nowhere/orbctl";

        var answer = await Probe(client, Options() with { OrbctlPath = configured });

        Assert.False(answer.IsAvailable);
        Assert.Null(answer.OrbctlPath);
        Assert.Equal(0, client.StatusCalls);
        Assert.Contains(answer.Searched, s => s.Contains(configured, StringComparison.Ordinal));
        Assert.Contains(string.Join("; ", answer.Searched), answer.Reason, StringComparison.Ordinal);
        Assert.EndsWith(OrbStackAvailabilityCheck.HowToFix, answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopped_OrbStack_is_unavailable_and_not_started_without_autostart()
    {
        var client = new FakeOrbCtlClient(OrbStackStatus.Stopped);

        var answer = await Probe(client);

        Assert.False(answer.IsAvailable);
        Assert.Equal(OrbStackStatus.Stopped, answer.Status);
        Assert.Equal(0, client.StartCalls);
        Assert.Contains(OrbFixturesConfiguration.AutoStartKey, answer.Reason, StringComparison.Ordinal); // the setting that fixes it
    }

    [Fact]
    public async Task Stopped_OrbStack_is_started_once_with_autostart_and_polled_until_running()
    {
        var client = new FakeOrbCtlClient(OrbStackStatus.Stopped, OrbStackStatus.Starting, OrbStackStatus.Starting, OrbStackStatus.Running);

        var answer = await Drive(Probe(client, Options(autoStart: true)));

        Assert.True(answer.IsAvailable);
        Assert.True(answer.StartedOrbStack);
        Assert.Contains(OrbFixturesConfiguration.AutoStartKey, answer.Reason, StringComparison.Ordinal); // why it was started
        Assert.Equal(1, client.StartCalls);
        Assert.Equal(4, client.StatusCalls);
    }

    [Fact]
    public async Task A_failing_autostart_makes_OrbStack_unavailable_with_the_error()
    {
        var client = new FakeOrbCtlClient(OrbStackStatus.Stopped)
        {
            StartError = new OrbCtlException("start failed: no license", Operation.Start, OrbCtlErrorKind.Unknown, ["orbctl", "start"], 1, "", "", TimeSpan.FromMinutes(2), 1),
        };

        var answer = await Probe(client, Options(autoStart: true));

        Assert.False(answer.IsAvailable);
        Assert.Contains(client.StartError!.Message, answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_is_polled_until_running()
    {
        var client = new FakeOrbCtlClient(OrbStackStatus.Starting, OrbStackStatus.Starting, OrbStackStatus.Running);

        var answer = await Drive(Probe(client));

        Assert.True(answer.IsAvailable);
        Assert.False(answer.StartedOrbStack);
        Assert.Equal(3, client.StatusCalls);
    }

    [Fact]
    public async Task Starting_for_longer_than_the_start_timeout_is_unavailable()
    {
        var client = new FakeOrbCtlClient(OrbStackStatus.Starting);

        var answer = await Drive(Probe(client));

        Assert.False(answer.IsAvailable);
        Assert.Equal(OrbStackStatus.Starting, answer.Status);
        Assert.Contains(OrbFixturesConfiguration.TimeoutKey(Operation.Start), answer.Reason, StringComparison.Ordinal); // the bound that applied
        Assert.InRange(client.StatusCalls, 10, 12); // one poll per second for the 10 s bound
    }

    [Fact]
    public async Task A_status_that_fails_makes_OrbStack_unavailable_with_the_error()
    {
        var client = new FakeOrbCtlClient { StatusError = new InvalidOperationException("exec format error") };

        var answer = await Probe(client);

        Assert.False(answer.IsAvailable);
        Assert.Equal(Orbctl, answer.OrbctlPath);
        Assert.Contains(client.StatusError!.Message, answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_runs_once_per_orbctl_and_environment()
    {
        var client = new FakeOrbCtlClient(OrbStackStatus.Running);
        var options = Options();
        var otherEnvironment = options with { OrbctlEnvironment = new Dictionary<string, string> { ["ORBSIM_HOME"] = "/tmp/x" } };

        var answers = await Task.WhenAll(Probe(client, options), Probe(client, options), Probe(client, options with { }));
        await Probe(client, otherEnvironment);

        Assert.All(answers, a => Assert.Same(answers[0], a));
        Assert.Equal(2, client.StatusCalls);
    }
}
