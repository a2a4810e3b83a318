using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.Provisioning;
using Xunit;

using CreateStep = OrbFixtures.Tests.Provisioning.Fakes.CreateStep;

namespace OrbFixtures.Tests.Diagnostics;

/// <summary>The OrbFixtures activities and metrics of a provisioning, collected the way any listener would
/// (<see cref="ActivityListener"/>, <see cref="MeterListener"/>). Listeners are process-wide and other tests provision
/// in parallel, so this test keeps what belongs to its own trace and its own logical machine name.</summary>
public sealed class TelemetryTests : IDisposable
{
    private const string Logical = "telemetry-db";
    private static readonly ActivitySource s_test = new("OrbFixtures.Tests.Telemetry");
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task A_hung_create_gives_a_provision_span_with_a_watchdog_killed_create_child_and_counts_the_hang()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is OrbFixturesTelemetry.Name or "OrbFixtures.Tests.Telemetry",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) spans.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OrbFixturesTelemetry.Name) l.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<long>((i, value, tags, _) => Measured(i, value, tags));
        meters.SetMeasurementEventCallback<double>((i, value, tags, _) => Measured(i, value, tags));
        meters.Start();
        void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            lock (measurements) measurements.Add((instrument.Name, value, copy));
        }

        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Hang);
        await using var provisioner = _bed.NewProvisioner();
        Machine machine;
        ActivityTraceId trace;
        using (var test = s_test.StartActivity("test")!)
        {
            trace = test.TraceId;
            machine = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create(Logical, "ubuntu:22.04")));
        }

        List<Activity> ours;
        lock (spans) ours = spans.Where(s => s.TraceId == trace && s.Source.Name == OrbFixturesTelemetry.Name).ToList();
        var provision = Assert.Single(ours, s => s.OperationName == "provision");
        Assert.Equal(s_test.Name, spans.Single(s => s.SpanId == provision.ParentSpanId).Source.Name);
        Assert.Equal(machine.Name, provision.GetTagItem("orbfixtures.machine.name"));
        Assert.Equal(machine.Id, provision.GetTagItem("orbfixtures.machine.id"));
        Assert.Equal(nameof(ReadyVia.Watchdog), provision.GetTagItem("orbfixtures.ready_via"));
        Assert.Contains(provision.Events, e => e.Name == "hang adopted");

        // Every orbctl process of the provisioning is a child of it, with the times of its event.
        var children = ours.Where(s => s != provision).ToList();
        Assert.NotEmpty(children);
        Assert.All(children, c => Assert.Equal(provision.SpanId, c.ParentSpanId));
        var create = Assert.Single(children, c => c.OperationName == "create");
        Assert.Equal(nameof(AttemptDecision.KilledByWatchdog), create.GetTagItem("orbfixtures.decision"));
        var attempt = Assert.Single(machine.Log.OfType<AttemptFinished>(), a => a.Operation == Operation.Create);
        Assert.Equal(attempt.Duration, create.Duration);
        Assert.Contains(children, c => c.OperationName == "info");
        Assert.Contains(children, c => c.OperationName == "run");
        Assert.All(children, c => Assert.True(c.StartTimeUtc + c.Duration <= provision.StartTimeUtc + provision.Duration,
            $"{c.OperationName} ended after the provision span"));

        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> mine;
        lock (measurements) mine = measurements.Where(m => Equals(m.Tags.GetValueOrDefault("orbfixtures.machine.logical_name"), Logical)).ToList();
        Assert.Equal(1, mine.Where(m => m.Instrument == "orbfixtures.hangs_adopted").Sum(m => m.Value));
        var ready = Assert.Single(mine, m => m.Instrument == "orbfixtures.machine.time_to_ready");
        Assert.Equal(Assert.Single(machine.Log.OfType<MachineReady>()).After.TotalSeconds, ready.Value);
        Assert.Contains(measurements, m => m.Instrument == "orbfixtures.operation.duration"
            && Equals(m.Tags["orbfixtures.operation"], nameof(Operation.Create)) && m.Value == attempt.Duration.TotalSeconds);
    }
}
