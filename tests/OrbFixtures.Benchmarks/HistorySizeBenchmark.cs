using System.Diagnostics;
using System.Globalization;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// history-size: a <see cref="MachineLog"/> fed 10,000 <see cref="AttemptFinished"/> events keeps a bounded head and
/// tail. Measured: the heap it retains (after a full collection), what appending allocated, and how long
/// <see cref="EventText.Render(MachineLog, int?)"/> takes. The figure uses the worst case — every attempt with stdout and stderr at the excerpt limit — and the table
/// also shows realistic attempts (info JSON, empty probe output).
/// </summary>
internal sealed class HistorySizeBenchmark : IBenchmark
{
    private const int Attempts = 10_000;
    private const long TargetBytes = 2 * 1024 * 1024;
    private static readonly TimeSpan s_targetRender = TimeSpan.FromMilliseconds(50);

    public string Name => "history-size";

    public Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        var renders = settings.Repetitions(25, 5);
        // Long process outputs, made before the measurements (each record still gets its own excerpts of them).
        string[] longOutputs = [.. Enumerable.Range(0, 26).Select(c => new string((char)('a' + c), 10_000))];
        Measure(longOutputs, worstCase: false, renders); // warm-up: JIT of recording and rendering
        var realistic = Measure(longOutputs, worstCase: false, renders);
        var worst = Measure(longOutputs, worstCase: true, renders);
        foreach (var (label, m) in new[] { ("realistic attempts", realistic), ("worst case (output at the excerpt limit)", worst) })
        {
            table.Add(Name, $"retained heap, {Attempts:N0} attempts, {label}", Megabytes(m.RetainedBytes),
                $"{m.Kept} entries kept, {m.Dropped:N0} dropped; building and recording the attempts allocated {Megabytes(m.AllocatedBytes)}");
            table.Add(Name, $"Render(), {label}", Samples.Millis(m.Render.Median),
                $"median of {m.Render.Count} (max {Samples.Millis(m.Render.Max)}); {m.RenderedChars:N0} characters");
        }
        var pass = worst.RetainedBytes <= TargetBytes && worst.Render.Median <= s_targetRender;
        IReadOnlyList<Figure> figures =
        [
            new Figure(Name, $"{Megabytes(worst.RetainedBytes)} retained, render {Samples.Millis(worst.Render.Median)}",
                $"<= 2 MB and <= {s_targetRender.TotalMilliseconds:0} ms", pass),
        ];
        return Task.FromResult(figures);
    }

    private static Measurement Measure(string[] longOutputs, bool worstCase, int renders)
    {
        var before = SettledHeap();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var history = new MachineLog("machine 'db' (bench-k3x9-db)");
        for (var i = 0; i < Attempts; i++) history.Append(Attempt(i, worstCase, longOutputs));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = SettledHeap() - before;

        var times = new List<TimeSpan>();
        var chars = 0;
        for (var i = 0; i < renders; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            chars = EventText.Render(history).Length;
            times.Add(stopwatch.Elapsed);
        }
        var kept = history.Events.Count;
        var dropped = history.Dropped;
        GC.KeepAlive(history);
        return new Measurement(retained, allocated, new Samples(times), chars, kept, dropped);
    }

    // Shaped like what the client records: argv with orbctl first, output bounded by OutputExcerpt.
    private static AttemptFinished Attempt(int i, bool worstCase, string[] longOutputs)
    {
        var at = DateTimeOffset.UnixEpoch.AddSeconds(i);
        var name = "bench-k3x9-db";
        if (worstCase)
        {
            var output = longOutputs[i % longOutputs.Length];
            return new AttemptFinished(at + TimeSpan.FromMilliseconds(120), Operation.Run, 1, ["orbctl", "run", "-m", name, "sh", "-c", $"make test-{i}"], at,
                TimeSpan.FromMilliseconds(120), TimeSpan.FromMinutes(10), 2, OutputExcerpt.Of(output), OutputExcerpt.Of(output + "!"),
                AttemptOutcome.Succeeded, null, AttemptDecision.Done);
        }
        return (i % 3) switch
        {
            0 => new AttemptFinished(at + TimeSpan.FromMilliseconds(120), Operation.Info, 1, ["orbctl", "info", name, "-f", "json"], at, TimeSpan.FromMilliseconds(80),
                TimeSpan.FromSeconds(30), 0, OutputExcerpt.Of(InfoJson(name, i)), "", AttemptOutcome.Succeeded, null, AttemptDecision.Done),
            1 => new AttemptFinished(at + TimeSpan.FromMilliseconds(120), Operation.Run, 1, ["orbctl", "run", "-m", name, "true"], at, TimeSpan.FromMilliseconds(90),
                TimeSpan.FromMinutes(10), 0, "", "", AttemptOutcome.Succeeded, null, AttemptDecision.Done),
            _ => new AttemptFinished(at + TimeSpan.FromMilliseconds(120), Operation.Info, 1, ["orbctl", "info", name, "-f", "json"], at, TimeSpan.FromMilliseconds(30),
                TimeSpan.FromSeconds(30), 1, "", OutputExcerpt.Of($"[-32098] machine not found: '{name}'"), AttemptOutcome.Failed,
                OrbCtlErrorKind.Transient, AttemptDecision.Retry, TimeSpan.FromMilliseconds(i % 7)),
        };
    }

    private static string InfoJson(string name, int i) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "record": {
            "id": "01HZX{{i:D21}}",
            "name": "{{name}}",
            "image": { "distro": "ubuntu", "version": "plucky", "arch": "arm64", "variant": "default" },
            "config": { "isolated": false, "default_username": "bench" },
            "builtin": false,
            "state": "running"
          },
          "disk_size": {{1_000_000 + i}},
          "ip4": "192.168.138.{{i % 250}}",
          "ip6": "fd07:b51a:cc66:0:a617:db5e:ab7:{{i % 9999}}"
        }
        """);

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.00", CultureInfo.InvariantCulture) + " MB";

    private sealed record Measurement(long RetainedBytes, long AllocatedBytes, Samples Render, int RenderedChars, int Kept, long Dropped);
}
