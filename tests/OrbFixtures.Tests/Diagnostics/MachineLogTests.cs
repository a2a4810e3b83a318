using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.Diagnostics;

/// <summary>The machine event log: time order whatever the order of appends, its bounds (head, tail, dropped), thread
/// safety, and that a subscriber cannot break it.</summary>
public sealed class MachineLogTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Note At(int seconds, string message = "") => new(s_t0.AddSeconds(seconds), message.Length == 0 ? $"n{seconds}" : message);

    [Fact]
    public void An_event_appended_with_an_earlier_time_lands_before_the_later_ones()
    {
        var log = new MachineLog("order");
        log.Append(At(1));
        log.Append(At(5));
        log.Append(At(3)); // stamped before the one appended last: an attempt whose decision was read earlier

        Assert.Equal([1, 3, 5], log.Events.Select(e => (int)(e.At - s_t0).TotalSeconds));
    }

    [Fact]
    public void Events_with_the_same_time_keep_the_order_they_were_appended_in()
    {
        var log = new MachineLog("ties");
        log.Append(At(1, "first"));
        log.Append(At(1, "second"));
        log.Append(At(0, "earlier"));

        Assert.Equal(["earlier", "first", "second"], log.OfType<Note>().Select(n => n.Message));
    }

    [Fact]
    public void Time_order_holds_in_the_tail_after_the_head_is_full()
    {
        var log = new MachineLog("tail", capacity: 8); // head 2, tail 6
        foreach (var s in new[] { 1, 2, 10, 20, 15, 30, 5 }) log.Append(At(s));

        Assert.Equal([1, 2, 5, 10, 15, 20, 30], log.Events.Select(e => (int)(e.At - s_t0).TotalSeconds));
        Assert.Equal(0, log.Dropped);
    }

    [Fact]
    public void An_event_earlier_than_the_last_of_the_head_goes_into_the_head_even_once_the_head_is_full()
    {
        var log = new MachineLog("boundary", capacity: 4); // head 1, tail 3
        log.Append(At(5));
        log.Append(At(1));

        Assert.Equal([1, 5], log.Events.Select(e => (int)(e.At - s_t0).TotalSeconds));
    }

    [Fact]
    public void A_long_log_keeps_the_first_quarter_and_the_latest_events_and_counts_what_it_dropped()
    {
        var log = new MachineLog("soak");
        for (var i = 1; i <= 10_000; i++) log.Append(At(i));

        Assert.Equal(10_000, log.TotalRecorded);
        Assert.Equal(MachineLog.DefaultCapacity, log.Events.Count);
        Assert.Equal(10_000 - MachineLog.DefaultCapacity, log.Dropped);
        var seconds = log.Events.Select(e => (int)(e.At - s_t0).TotalSeconds).ToList();
        var head = MachineLog.DefaultCapacity / 4;
        Assert.Equal(Enumerable.Range(1, head), seconds.Take(head));
        Assert.Equal(Enumerable.Range(10_000 - (MachineLog.DefaultCapacity - head) + 1, MachineLog.DefaultCapacity - head), seconds.Skip(head));
    }

    [Fact]
    public void OfType_returns_the_events_of_one_kind_in_time_order()
    {
        var log = new MachineLog("kinds");
        log.Append(new HangAdopted(s_t0.AddSeconds(2), TimeSpan.FromSeconds(2)));
        log.Append(At(1));
        log.Append(new IntentRecorded(s_t0));

        Assert.Single(log.OfType<HangAdopted>());
        Assert.Equal([typeof(IntentRecorded), typeof(Note), typeof(HangAdopted)], log.Events.Select(e => e.GetType()));
        Assert.Empty(log.OfType<MachineReady>());
    }

    [Fact]
    public void A_throwing_Appended_handler_does_not_break_Append_nor_the_handlers_after_it()
    {
        var log = new MachineLog("handlers");
        var seen = new List<MachineEvent>();
        log.Appended += (_, _) => throw new InvalidOperationException("a broken subscriber");
        log.Appended += (sender, e) =>
        {
            Assert.Same(log, sender);
            seen.Add(e);
        };

        var note = At(1);
        log.Append(note);

        Assert.Same(note, Assert.Single(log.Events));
        Assert.Same(note, Assert.Single(seen));
    }

    [Fact]
    public async Task Several_threads_can_append_to_one_log_at_once()
    {
        var log = new MachineLog("parallel", capacity: 10_000);
        using var start = new Barrier(8);
        // Dedicated threads: eight blocked pool threads on a 2-core box would wait for thread injection.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 1_000; i++)
            {
                log.Append(At(w * 1_000 + i));
                if (i % 400 == 0) _ = EventText.Render(log) + EventJson.ToJson(log).ToJsonString();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(writers);

        Assert.Equal(8_000, log.TotalRecorded);
        Assert.Equal(Enumerable.Range(0, 8_000), log.Events.Select(e => (int)(e.At - s_t0).TotalSeconds));
    }

    [Fact]
    public void A_log_needs_a_subject_and_room_for_a_few_events()
    {
        Assert.Equal("subject", Assert.Throws<ArgumentException>(() => new MachineLog(" ")).ParamName);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new MachineLog("x", capacity: 3)).ParamName);
        Assert.Throws<ArgumentNullException>(() => new MachineLog("x").Append(null!));
    }

    [Fact]
    public void Its_text_is_the_renderers()
    {
        var log = new MachineLog("text");
        log.Append(new AttemptFinished(s_t0, Operation.Info, 1, ["orbctl", "info", "x"], s_t0, TimeSpan.Zero, TimeSpan.FromSeconds(30),
            0, "", "", AttemptOutcome.Succeeded, null, AttemptDecision.Done));

        Assert.Equal(EventText.Render(log), log.ToString());
    }
}
