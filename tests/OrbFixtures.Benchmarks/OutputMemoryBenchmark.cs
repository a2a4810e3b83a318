using System.Diagnostics;
using System.Globalization;
using CliWrap;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// output-memory: a guest command printing a gigabyte (<c>head -c 1G /dev/zero</c> in the simulator) run through
/// <see cref="Machine.RunAsync(IReadOnlyList{string}, RunOptions?, CancellationToken)"/> with the default output cap, and
/// the growth of this process's peak working set while it runs. The peak is reset right before the command (Linux
/// <c>/proc/self/clear_refs</c>, after a full collection), so what earlier benchmarks touched does not hide it. The
/// streamed form (to <c>PipeTarget.Null</c>) is measured the same way for the table.
/// </summary>
internal sealed class OutputMemoryBenchmark : IBenchmark
{
    private const long TargetGrowth = 100L * 1024 * 1024;
    private const string Command = "head -c 1G /dev/zero";
    private const string Instant = """{"durations":{"create":0,"provisioning":0,"start":0,"stop":0,"restart":0,"delete":0,"clone":0,"daemonStart":0}}""";

    public string Name => "output-memory";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        using var world = new SimulatedWorld(Instant, BenchmarkTuning.Options);
        string leaks;
        Measurement captured, streamed;
        await using (var provisioner = new MachineProvisioner(world.Options()))
        {
            var machine = await provisioner.EnsureAsync(MachineSpec.Create("out", "ubuntu"));
            captured = await MeasureAsync(() => machine.RunShellAsync(Command));
            streamed = await MeasureAsync(() => machine.RunAsync(["sh", "-c", Command], PipeTarget.Null, PipeTarget.Null));
        }
        leaks = await world.LeaksAsync();
        var note = leaks.Length == 0 ? "nothing leaked" : leaks;

        table.Add(Name, $"peak working set growth, `{Command}` captured (default cap 16 MiB)", Megabytes(captured.Growth),
            $"{captured.Printed:N0} bytes printed, {captured.Result.StandardOutputDroppedBytes:N0} dropped, result {captured.Result.StandardOutput.Length:N0} chars; " +
            $"{Samples.Seconds(captured.Took)}; peak via {captured.PeakSource}; {note}");
        table.Add(Name, $"peak working set growth, `{Command}` streamed to PipeTarget.Null", Megabytes(streamed.Growth),
            $"{Samples.Seconds(streamed.Took)}; the result keeps a {streamed.Result.StandardOutput.Length:N0}-char excerpt");
        var pass = captured.Growth < TargetGrowth && captured.Result.IsTruncated && leaks.Length == 0;
        return [new Figure(Name, $"{Megabytes(captured.Growth)} peak working set growth for 1 GiB of output", "< 100 MB", pass)];
    }

    private static async Task<Measurement> MeasureAsync(Func<Task<CommandResult>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var reset = ResetPeak();
        var baseline = reset ? Status("VmRSS:") : Status("VmHWM:");
        var stopwatch = Stopwatch.StartNew();
        var result = await run();
        var took = stopwatch.Elapsed;
        var growth = Math.Max(0, Status("VmHWM:") - baseline);
        return new Measurement(growth, 1L << 30, result, took, reset ? "VmHWM after clear_refs" : "VmHWM (not resettable here)");
    }

    /// <summary>Resets VmHWM to the current resident size (Linux 4.0+: write 5 to clear_refs).</summary>
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A size line of /proc/self/status in bytes, or, off Linux, the process's peak working set.</summary>
    private static long Status(string field)
    {
        if (!OperatingSystem.IsLinux())
        {
            using var self = Process.GetCurrentProcess();
            return self.PeakWorkingSet64;
        }
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private sealed record Measurement(long Growth, long Printed, CommandResult Result, TimeSpan Took, string PeakSource);
}
