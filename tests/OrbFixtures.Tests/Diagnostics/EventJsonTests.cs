using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.Diagnostics;

/// <summary>The one JSON shape of events (the run report's <c>events</c>): a <c>type</c> discriminator, camelCase
/// properties, enums as names, durations in milliseconds, absent values left out.</summary>
public sealed class EventJsonTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_event_reads_back_from_its_json_into_the_same_event()
    {
        // The run report's events are read back by `orbfixtures report`: every example event of the renderer's tests
        // (each type, each enum case) must survive the trip.
        var events = EventTextTests.Sentences().Select(row => (MachineEvent)row[0]).ToList();
        var json = EventJson.ToJson(events);

        var read = EventJson.FromJson(json);

        Assert.Equal(events.Select(e => e.GetType()), read.Select(e => e.GetType()));
        Assert.Equal(json.ToJsonString(), EventJson.ToJson(read).ToJsonString());
    }

    [Fact]
    public void An_attempt_has_its_type_camelCase_fields_enum_names_and_durations_in_milliseconds()
    {
        var attempt = new AttemptFinished(s_t0.AddSeconds(2), Operation.Create, 2, ["orbctl", "create", "ubuntu", "of-x"], s_t0,
            TimeSpan.FromMilliseconds(1500), TimeSpan.FromMinutes(10), 1, "out", "boom", AttemptOutcome.Failed, OrbCtlErrorKind.Transient,
            AttemptDecision.Retry, TimeSpan.FromSeconds(2));

        var json = Assert.IsType<JsonObject>(Assert.Single(EventJson.ToJson([attempt])));

        Assert.Equal("attemptFinished", (string?)json["type"]);
        Assert.Equal(s_t0.AddSeconds(2), json["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Create", (string?)json["operation"]);
        Assert.Equal(2, (int)json["attempt"]!);
        Assert.Equal(["orbctl", "create", "ubuntu", "of-x"], json["argv"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(s_t0, json["startedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1500, (double)json["duration"]!);
        Assert.Equal(600_000, (double)json["timeout"]!);
        Assert.Equal(1, (int)json["exitCode"]!);
        Assert.Equal("out", (string?)json["standardOutputTail"]);
        Assert.Equal("boom", (string?)json["standardErrorTail"]);
        Assert.Equal("Failed", (string?)json["outcome"]);
        Assert.Equal("Transient", (string?)json["error"]);
        Assert.Equal("Retry", (string?)json["decision"]);
        Assert.Equal(2000, (double)json["retryDelay"]!);
    }

    [Fact]
    public void Absent_values_are_left_out()
    {
        var ready = new MachineReady(s_t0, ReadyVia.Watchdog, "01J", TimeSpan.FromSeconds(4), null);

        var json = EventJson.ToJson([ready])[0]!.AsObject();

        Assert.Equal(["after", "at", "id", "type", "via"], json.Select(p => p.Key).Order());
        Assert.Equal("ready", (string?)json["type"]);
        Assert.Equal("Watchdog", (string?)json["via"]);
        Assert.Equal(4000, (double)json["after"]!);
    }

    [Fact]
    public void Addresses_are_written_as_ipv4()
    {
        var ready = new MachineReady(s_t0, ReadyVia.Created, "01J", TimeSpan.FromSeconds(1), "192.168.138.2");
        var seen = new StateObserved(s_t0, "running", "192.168.138.2");

        var json = EventJson.ToJson([ready, seen]);

        Assert.All(json, e => Assert.Equal("192.168.138.2", (string?)e!["ipv4"]));
    }

    [Fact]
    public void Every_event_type_has_its_own_discriminator()
    {
        var events = EventTextTests.Sentences().Select(row => (MachineEvent)row[0]).ToList();

        var types = EventJson.ToJson(events).Select(e => (string?)e!["type"]).ToList();

        Assert.DoesNotContain(null, types);
        Assert.Equal(events.Select(e => e.GetType()).Distinct().Count(), types.Distinct().Count());
        Assert.All(types, t => Assert.True(char.IsLower(t![0]), t));
    }

    [Fact]
    public void A_log_is_its_subject_its_counts_and_its_events_in_time_order()
    {
        var log = new MachineLog("machine 'db' (of-x-db)", capacity: 4);
        foreach (var i in new[] { 1, 2, 4, 3, 5 }) log.Append(new Note(s_t0.AddSeconds(i), $"n{i}"));

        var json = EventJson.ToJson(log);

        Assert.Equal("machine 'db' (of-x-db)", (string?)json["subject"]);
        Assert.Equal(5, (long)json["totalRecorded"]!);
        Assert.Equal(1, (long)json["dropped"]!);
        var events = json["events"]!.AsArray();
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal("note", (string?)e!["type"]));
        var times = events.Select(e => e!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);
    }
}
