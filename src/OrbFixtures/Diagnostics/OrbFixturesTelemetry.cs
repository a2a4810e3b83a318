using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace OrbFixtures.Diagnostics;

/// <summary>
/// The names under which OrbFixtures reports traces and metrics, following .NET's guidance for libraries: an
/// <see cref="ActivitySource"/> and a <see cref="Meter"/> named <see cref="Name"/> and versioned with the package, no
/// dependency on an OpenTelemetry SDK. Collect them with OpenTelemetry (<c>AddSource("OrbFixtures")</c>,
/// <c>AddMeter("OrbFixtures")</c>), <c>dotnet-trace</c>/<c>dotnet-counters</c>, or an <see cref="ActivityListener"/> /
/// <see cref="MeterListener"/>.
/// <list type="bullet">
/// <item>Spans: <c>provision</c> per machine (from the start of provisioning to ready or failed; tags
/// <c>orbfixtures.machine.name</c>, <c>orbfixtures.machine.logical_name</c>, <c>orbfixtures.machine.id</c>,
/// <c>orbfixtures.ready_via</c>), with a child span per <c>orbctl</c> process named after its operation
/// (<c>create</c>, <c>info</c>, <c>start</c>, <c>run</c>...; tags <c>orbfixtures.operation</c>,
/// <c>orbfixtures.attempt</c>, <c>orbfixtures.outcome</c>, <c>orbfixtures.decision</c>, <c>orbfixtures.error</c>) and a
/// <c>retry</c> span per backoff delay.</item>
/// <item>Metrics: <c>orbfixtures.operation.duration</c> (histogram, seconds; tags operation, outcome),
/// <c>orbfixtures.machine.time_to_ready</c> (histogram, seconds; tags ready_via, machine.logical_name),
/// <c>orbfixtures.hangs_adopted</c> (counter; tag machine.logical_name) and <c>orbfixtures.machines_reaped</c> (counter).</item>
/// </list>
/// Spans and measurements are made from the machine's events (<see cref="MachineLog"/>), with the times the events
/// carry; nothing is recorded while no listener is attached.
/// </summary>
public static class OrbFixturesTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "OrbFixtures";

    /// <summary>The package version both are versioned with.</summary>
    public static string Version { get; } =
        typeof(OrbFixturesTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(OrbFixturesTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    internal static ActivitySource Source { get; } = new(Name, Version);

    internal static Meter Meter { get; } = new(Name, Version);

    internal static Histogram<double> OperationDuration { get; } = Meter.CreateHistogram<double>(
        "orbfixtures.operation.duration", "s", "How long each orbctl process ran.");

    internal static Histogram<double> TimeToReady { get; } = Meter.CreateHistogram<double>(
        "orbfixtures.machine.time_to_ready", "s", "How long provisioning a machine took until it was ready.");

    internal static Counter<long> HangsAdopted { get; } = Meter.CreateCounter<long>(
        "orbfixtures.hangs_adopted", "{hang}", "Hung creates the watchdog cut short by adopting the machine.");

    internal static Counter<long> MachinesReaped { get; } = Meter.CreateCounter<long>(
        "orbfixtures.machines_reaped", "{machine}", "Machines of dead sessions the reaper deleted.");

    /// <summary>Renders <paramref name="log"/>'s events as spans and measurements from now on.</summary>
    internal static void Observe(MachineLog log) => log.Appended += new LogTelemetry(log).OnAppended;

    /// <summary>The telemetry of one log: its open <c>provision</c> span.</summary>
    private sealed class LogTelemetry(MachineLog log)
    {
        private readonly object _gate = new();
        private Activity? _provision;

        public void OnAppended(object? sender, MachineEvent e)
        {
            switch (e)
            {
                case ProvisioningStarted started when Source.HasListeners():
                    lock (_gate) _provision = Begin("provision", started.At, parent: Activity.Current?.Context ?? default, Tags(log));
                    break;
                case AttemptFinished attempt:
                    OperationDuration.Record(attempt.Duration.TotalSeconds,
                        new("orbfixtures.operation", attempt.Operation.ToString()), new("orbfixtures.outcome", attempt.Outcome.ToString()));
                    Span(attempt.Operation.ToString().ToLowerInvariant(), attempt.StartedAt, attempt.StartedAt + attempt.Duration,
                    [
                        new("orbfixtures.operation", attempt.Operation.ToString()),
                        new("orbfixtures.attempt", attempt.Attempt),
                        new("orbfixtures.outcome", attempt.Outcome.ToString()),
                        new("orbfixtures.decision", attempt.Decision.ToString()),
                        new("orbfixtures.error", attempt.Error?.ToString()),
                    ], failed: attempt.Outcome is AttemptOutcome.Failed or AttemptOutcome.TimedOut);
                    break;
                case RetryScheduled retry:
                    Span("retry", retry.At, retry.At + retry.Delay,
                    [
                        new("orbfixtures.operation", retry.Operation.ToString()),
                        new("orbfixtures.attempt", retry.NextAttempt),
                        new("orbfixtures.retry_reason", retry.Reason.ToString()),
                    ], failed: false);
                    break;
                case HangAdopted hang:
                    HangsAdopted.Add(1, new KeyValuePair<string, object?>("orbfixtures.machine.logical_name", log.LogicalName));
                    lock (_gate) _provision?.AddEvent(new ActivityEvent("hang adopted", hang.At));
                    break;
                case MachineReady ready:
                    TimeToReady.Record(ready.After.TotalSeconds, new KeyValuePair<string, object?>("orbfixtures.ready_via", ready.Via.ToString()),
                        new KeyValuePair<string, object?>("orbfixtures.machine.logical_name", log.LogicalName));
                    End(ready.At, provision =>
                    {
                        provision.SetTag("orbfixtures.machine.id", ready.Id);
                        provision.SetTag("orbfixtures.ready_via", ready.Via.ToString());
                    });
                    break;
                case ProvisioningFailed failed:
                    End(failed.At, provision => provision.SetStatus(ActivityStatusCode.Error, failed.Error?.ToString() ?? "failed"));
                    break;
                case ReaperAction { Action: ReaperActionKind.Deleted }:
                    MachinesReaped.Add(1);
                    break;
            }
        }

        private void Span(string name, DateTimeOffset start, DateTimeOffset end, KeyValuePair<string, object?>[] tags, bool failed)
        {
            if (!Source.HasListeners()) return;
            ActivityContext parent;
            lock (_gate) parent = _provision?.Context ?? Activity.Current?.Context ?? default;
            var span = Begin(name, start, parent, [.. Tags(log), .. tags]);
            if (span is null) return;
            if (failed) span.SetStatus(ActivityStatusCode.Error);
            Stop(span, end);
        }

        private void End(DateTimeOffset at, Action<Activity> finish)
        {
            Activity? provision;
            lock (_gate) (provision, _provision) = (_provision, null);
            if (provision is null) return;
            finish(provision);
            Stop(provision, at);
        }

        /// <summary>Starts a span at a past moment without making it <see cref="Activity.Current"/>: events are rendered
        /// on whatever thread appended them, and must not change the ambient span of that code.</summary>
        private static Activity? Begin(string name, DateTimeOffset start, ActivityContext parent, IEnumerable<KeyValuePair<string, object?>> tags)
        {
            var ambient = Activity.Current;
            var span = Source.StartActivity(name, ActivityKind.Internal, parent, tags, startTime: start);
            Activity.Current = ambient;
            return span;
        }

        private static void Stop(Activity span, DateTimeOffset end)
        {
            var ambient = Activity.Current;
            span.SetEndTime(end.UtcDateTime);
            span.Stop();
            Activity.Current = ambient;
        }

        private static KeyValuePair<string, object?>[] Tags(MachineLog log) =>
        [
            new("orbfixtures.machine.name", log.MachineName),
            new("orbfixtures.machine.logical_name", log.LogicalName),
        ];
    }
}
