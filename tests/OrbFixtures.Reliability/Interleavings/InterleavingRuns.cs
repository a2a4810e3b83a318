using System.Diagnostics;
using System.Globalization;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using Xunit;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// Plays every scenario of the tier at once, each in worlds of its own, when the first of its tests asks, so the tier
/// costs about its slowest scenario rather than their sum (xUnit runs the suite's tests one after another). Each test
/// then waits for its own scenario. Every scenario is awaited before the class ends, so none outlives it.
/// </summary>
public sealed class InterleavingRuns : IAsyncLifetime
{
    private readonly object _gate = new();
    private Dictionary<string, (ScenarioRun Run, Task Played)>? _started;

    /// <summary>The run of <paramref name="scenario"/> and the task that plays it (faulted when a promise broke).</summary>
    internal (ScenarioRun Run, Task Played) Of(Interleaving scenario, ReliabilityTally tally)
    {
        lock (_gate)
        {
            _started ??= Interleaving.All.ToDictionary(s => s.Name, s => Start(s, tally));
            return _started[scenario.Name];
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        List<Task> played;
        lock (_gate) played = _started?.Values.Select(s => s.Played).ToList() ?? [];
        try
        {
            await Task.WhenAll(played);
        }
        catch (Exception) when (played.All(t => t.IsCompleted))
        {
            // Each scenario's failure is reported by its own test.
        }
    }

    private static (ScenarioRun, Task) Start(Interleaving scenario, ReliabilityTally tally)
    {
        var run = new ScenarioRun(scenario.Name, tally);
        var played = Task.Run(() => Counted.RunAsync(tally.Interleaving, async () =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await scenario.Play(run).WaitAsync(Timing.ScenarioLimit);
            }
            finally
            {
                run.Log(string.Create(CultureInfo.InvariantCulture, $"scenario took {clock.Elapsed.TotalSeconds:0.0} s"));
            }
            run.AssertHeld();
        }));
        return (run, played);
    }
}
