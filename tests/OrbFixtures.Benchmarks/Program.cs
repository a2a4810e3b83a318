using System.Diagnostics;
using System.Globalization;
using OrbFixtures;
using OrbFixtures.Benchmarks;
using OrbFixtures.TestSupport;

// Benchmarks of issues 7 and 16, against the orbctl simulator. Prints a markdown table, then one line per figure:
// NAME: value (target: T) PASS|MISS. Progress goes to stderr so stdout is only the results.
BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

IBenchmark[] benchmarks =
[
    new HangRecoveryBenchmark(),
    new OverheadBenchmark(),
    new ParallelBenchmark(),
    new SkipCostBenchmark(),
    new HistorySizeBenchmark(),
    new OutputMemoryBenchmark(),
    new SimulatorStartBenchmark(),
    new TemplateSpeedupBenchmark(),
    new CloneEfficiencyBenchmark(),
    new TemplateContentionBenchmark(),
    new FreshCloneBenchmark(),
];
var unknown = settings.Only.Except(benchmarks.Select(b => b.Name)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", benchmarks.Select(b => b.Name))}.");
    return 2;
}

SimulatedWorld.Timeline = settings.Trace ? Console.Error : null;
var started = Stopwatch.StartNew();
var startedAt = DateTimeOffset.UtcNow;
var loadBefore = MachineLoad.Describe();
Console.Error.WriteLine($"[bench] {(settings.Quick ? "quick smoke run" : "full run")}; {loadBefore}; warming up");
await Warmup.RunAsync();

var table = new ResultTable();
var figures = new List<Figure>();
foreach (var benchmark in benchmarks.Where(b => settings.Runs(b.Name)))
{
    Console.Error.WriteLine($"[bench] {benchmark.Name} ({Samples.Seconds(started.Elapsed)} so far)");
    try
    {
        figures.AddRange(await benchmark.RunAsync(settings, table));
    }
    catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException or MachineProvisioningException
                                   or OrbFixtures.OrbCtlException)
    {
        // One broken benchmark must not hide the others' figures; its line says MISS and why.
        var reason = e.Message.Split('\n', 2)[0].Trim();
        Console.Error.WriteLine($"[bench] {benchmark.Name} failed: {e}");
        table.Add(benchmark.Name, "FAILED", e.GetType().Name, reason);
        figures.Add(new Figure(benchmark.Name, $"failed ({e.GetType().Name}: {reason})", "a measurement", false));
    }
}
var total = started.Elapsed;
var loadAfter = MachineLoad.Describe();

var command = "dotnet run -c Release --project tests/OrbFixtures.Benchmarks" + (args.Length == 0 ? "" : " -- " + string.Join(' ', args));
var run = string.Create(CultureInfo.InvariantCulture,
    $"Run {startedAt:yyyy-MM-dd HH:mm} UTC, {(settings.Quick ? "QUICK smoke run (fewer repetitions)" : "full run")}, " +
    $"total {Samples.Seconds(total)}; before: {loadBefore}; after: {loadAfter}; .NET {Environment.Version}, {Environment.OSVersion}");
var lines = figures.Select(f => f.ToString()).ToList();

Console.WriteLine(table.ToMarkdown());
Console.WriteLine(run);
Console.WriteLine();
foreach (var line in lines) Console.WriteLine(line);

if (settings.ResultsPath is { } path)
{
    await File.WriteAllTextAsync(path, ResultsDocument.Render(table, run, command, lines));
    Console.Error.WriteLine($"[bench] wrote {path}");
}
return 0;
