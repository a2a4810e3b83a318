using System.Text.Json;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.Diagnostics;

/// <summary>The attempt history: what it renders, its JSON, that it stays bounded, and that it is thread-safe.</summary>
public sealed class AttemptHistoryTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static AttemptRecord Attempt(int number, AttemptOutcome outcome = AttemptOutcome.Failed, string stderr = "",
        string decision = "done", OrbCtlErrorKind? error = OrbCtlErrorKind.Transient, int? exitCode = 1, string stdout = "",
        Operation operation = Operation.Create) =>
        new(operation, number, ["orbctl", "create", "ubuntu", "of-x"], s_t0.AddSeconds(number), TimeSpan.FromMilliseconds(1500),
            TimeSpan.FromMinutes(10), exitCode, stdout, stderr, outcome, error, decision);

    [Fact]
    public void It_renders_one_compact_line_per_attempt_and_note()
    {
        var history = new AttemptHistory("machine 'db' (of-x-db)");
        history.Record(Attempt(1, stderr: "[-32098] create 'of-x': setup: machine didn't start in 30s (missing IP address)\n", decision: "retry in 1.8 s"));
        history.Record(Attempt(2, AttemptOutcome.TimedOut, error: OrbCtlErrorKind.TimedOut, exitCode: null, decision: "give up: Create is not retried after TimedOut"));
        history.Note(s_t0.AddMinutes(11), "watchdog: machine is running; adopting it");
        history.Record(Attempt(3, AttemptOutcome.Succeeded, error: null, exitCode: 0, decision: "done", operation: Operation.Info));

        var lines = history.Render().Split('\n');

        Assert.Equal("machine 'db' (of-x-db):", lines[0]);
        Assert.Equal(
            "  12:00:01.000 Create #1 `orbctl create ubuntu of-x` timeout 10 min, took 1.5 s: failed (Transient, exit 1): " +
            "[-32098] create 'of-x': setup: machine didn't start in 30s (missing IP address) -> retry in 1.8 s", lines[1]);
        Assert.Contains("Create #2", lines[2], StringComparison.Ordinal);
        Assert.Contains("TIMED OUT (process tree killed) -> give up: Create is not retried after TimedOut", lines[2], StringComparison.Ordinal);
        Assert.Equal("  12:11:00.000 watchdog: machine is running; adopting it", lines[3]);
        Assert.EndsWith("Info #3 `orbctl create ubuntu of-x` timeout 10 min, took 1.5 s: succeeded -> done", lines[4], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void Rendering_shows_garbled_output_answers_and_guest_exit_codes()
    {
        var history = new AttemptHistory("render");
        history.Record(Attempt(1, error: OrbCtlErrorKind.MalformedOutput, exitCode: 0, stdout: "{\"record\": [oops", decision: "retry in 1.0 s"));
        history.Record(Attempt(2, AttemptOutcome.Succeeded, error: OrbCtlErrorKind.NotFound, stderr: "[-32098] machine not found: 'of-x'"));
        history.Record(Attempt(3, AttemptOutcome.Succeeded, error: null, exitCode: 3, operation: Operation.Run));

        var text = history.Render();

        Assert.Contains("failed (MalformedOutput, exit 0): stdout '{\"record\": [oops'", text, StringComparison.Ordinal);
        Assert.Contains("answered NotFound (exit 1): [-32098] machine not found: 'of-x'", text, StringComparison.Ordinal);
        Assert.Contains("completed with exit 3 -> done", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_history_says_so() =>
        Assert.Equal("nothing:\n  (nothing recorded)", new AttemptHistory("nothing").Render().ReplaceLineEndings("\n"));

    [Fact]
    public void It_serialises_every_field_to_json()
    {
        var history = new AttemptHistory("json");
        history.Record(Attempt(1, stderr: "boom", decision: "retry in 1.0 s"));
        history.Note(s_t0, "a note");

        using var doc = JsonDocument.Parse(history.ToJson());
        var root = doc.RootElement;
        Assert.Equal("json", root.GetProperty("subject").GetString());
        Assert.Equal(2, root.GetProperty("totalRecorded").GetInt64());
        var attempt = root.GetProperty("entries")[0];
        Assert.Equal("attempt", attempt.GetProperty("kind").GetString());
        Assert.Equal("Create", attempt.GetProperty("operation").GetString());
        Assert.Equal(1, attempt.GetProperty("attempt").GetInt32());
        Assert.Equal(["orbctl", "create", "ubuntu", "of-x"], attempt.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(s_t0.AddSeconds(1), attempt.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(1500, attempt.GetProperty("durationMs").GetDouble());
        Assert.Equal(600000, attempt.GetProperty("timeoutMs").GetDouble());
        Assert.Equal(1, attempt.GetProperty("exitCode").GetInt32());
        Assert.Equal("Failed", attempt.GetProperty("outcome").GetString());
        Assert.Equal("Transient", attempt.GetProperty("error").GetString());
        Assert.Equal("boom", attempt.GetProperty("stderr").GetString());
        Assert.Equal("retry in 1.0 s", attempt.GetProperty("decision").GetString());
        Assert.Equal("a note", root.GetProperty("entries")[1].GetProperty("message").GetString());
    }

    [Fact]
    public void Ten_thousand_attempts_keep_the_first_and_the_latest_and_count_the_rest()
    {
        var history = new AttemptHistory("soak");
        var bigStderr = OutputExcerpt.Of(new string('e', 100_000));
        for (var i = 1; i <= 10_000; i++) history.Record(Attempt(i, stderr: bigStderr, stdout: bigStderr));

        Assert.Equal(10_000, history.TotalRecorded);
        Assert.Equal(AttemptHistory.DefaultCapacity, history.Entries.Count);
        Assert.Equal(10_000 - AttemptHistory.DefaultCapacity, history.Dropped);
        var numbers = history.Attempts.Select(a => a.AttemptNumber).ToList();
        Assert.Equal(Enumerable.Range(1, 50), numbers.Take(50));
        Assert.Equal(Enumerable.Range(10_000 - 149, 150), numbers.Skip(50));
        Assert.Contains($"... {10_000 - AttemptHistory.DefaultCapacity} entries omitted ...", history.Render(), StringComparison.Ordinal);
        Assert.True(history.ToJson().Length < 2_000_000, "the JSON of a bounded history stays under 2 MB");
    }

    [Fact]
    public void Output_kept_per_attempt_is_bounded_but_keeps_its_beginning_and_end()
    {
        var text = "panic: timed out waiting for services to start" + new string('x', 50_000) + "goroutine end";
        var excerpt = OutputExcerpt.Of(text);
        Assert.True(excerpt.Length <= OutputExcerpt.MaxLength + 64);
        Assert.StartsWith("panic: timed out waiting for services to start", excerpt, StringComparison.Ordinal);
        Assert.EndsWith("goroutine end", excerpt, StringComparison.Ordinal);
        Assert.Contains("characters omitted", excerpt, StringComparison.Ordinal);
        Assert.Equal("short", OutputExcerpt.Of("short"));
    }

    [Fact]
    public async Task Several_operations_can_record_into_one_history_at_once()
    {
        var history = new AttemptHistory("parallel", capacity: 10_000);
        using var start = new Barrier(8);
        // Dedicated threads: eight blocked pool threads on a 2-core box would wait for thread injection.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 1_000; i++)
            {
                history.Record(Attempt(w * 1_000 + i));
                if (i % 400 == 0) _ = history.Render() + history.ToJson();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(writers);

        Assert.Equal(8_000, history.TotalRecorded);
        Assert.Equal(Enumerable.Range(0, 8_000), history.Attempts.Select(a => a.AttemptNumber).Order());
    }

    [Fact]
    public void A_history_needs_a_subject_and_room_for_a_few_entries()
    {
        Assert.Throws<ArgumentException>(() => new AttemptHistory(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttemptHistory("x", capacity: 3));
    }
}
