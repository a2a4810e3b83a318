using System.Diagnostics;
using System.Globalization;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// One run of an interleaving scenario: what it saw (a transcript, shown with its test) and what broke the ownership
/// promise (problems). A scenario records every problem and carries on, so one run on a broken engine names every
/// way it broke; <see cref="AssertHeld"/> then fails with all of them.
/// </summary>
internal sealed class ScenarioRun(string name, ReliabilityTally tally)
{
    private readonly object _gate = new();
    private readonly List<string> _transcript = [];
    private readonly List<string> _problems = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public string Name { get; } = name;

    public ReliabilityTally Tally { get; } = tally;

    public string Transcript
    {
        get { lock (_gate) return string.Join('\n', _transcript); }
    }

    public IReadOnlyList<string> Problems
    {
        get { lock (_gate) return [.. _problems]; }
    }

    public void Log(string line)
    {
        var at = _clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        lock (_gate) _transcript.Add($"[{at} s] {line}");
    }

    public void Problem(string problem)
    {
        Log("PROBLEM: " + problem);
        lock (_gate) _problems.Add(problem);
    }

    /// <summary>Records <paramref name="problem"/> unless <paramref name="held"/>.</summary>
    public void Expect(bool held, string problem)
    {
        if (!held) Problem(problem);
    }

    /// <summary>A live session lost its machine: counted in the summary line, and a problem.</summary>
    public void LiveMachineLost(string problem)
    {
        Tally.LiveMachinesLost(1);
        Problem(problem);
    }

    /// <summary>A live session must still have the machine it was handed (present, same ULID, running), and a command
    /// must run in it; <paramref name="suspect"/> says what may have taken it.</summary>
    public async Task ExpectStillHeldAsync(SimulatedWorld world, ChildSession session, (string Name, string Id) held, string suspect)
    {
        var now = await world.FindAsync(held.Name);
        if (now is null || now.Id != held.Id || now.State != "running")
            LiveMachineLost($"{suspect} took live session {session.Label}'s machine {held.Name} ({held.Id}): now {now?.ToString() ?? "gone"}");
        var exit = await session.RunInMachineAsync(1, Timing.Patience);
        Expect(exit == 0, $"a command in {session.Label}'s machine exited {exit}");
    }

    /// <summary>Appends a child session's transcript.</summary>
    public void Log(ChildSession session) => Log(session.Transcript());

    /// <summary>Waits for an orbctl invocation of <paramref name="world"/> (see <see cref="InvocationWatch"/>).</summary>
    public static Task<LoggedInvocation> WaitForAsync(SimulatedWorld world, Func<LoggedInvocation, bool> match, string what,
        CancellationToken cancellationToken = default) =>
        InvocationWatch.WaitForAsync(world.Sandbox, match, what, Timing.Patience, cancellationToken);

    /// <summary>
    /// The end of every scenario: no orbctl process of the world is alive, no machine is left but the foreign one,
    /// the <paramref name="bystanders"/> and those <paramref name="kept"/> on purpose (reusable ones), and every machine
    /// that is not ours kept its ULID and state. Leaks and touched machines go into the summary line's counts.
    /// </summary>
    public async Task SettleAsync(SimulatedWorld world, Bystanders bystanders, params string[] kept)
    {
        var check = await world.CheckAsync([.. bystanders.Names, .. kept], readLedgers: false);
        var touched = await bystanders.ProblemsAsync();
        Tally.Leaked(check.Leaked);
        Tally.ForeignTouched((check.ForeignTouched ? 1 : 0) + touched.Count);
        if (check.Leaked > 0 || check.ForeignTouched) Problem(check.Describe());
        foreach (var problem in touched) Problem("a machine that is not ours was touched: " + problem);
    }

    /// <summary>Fails with every problem the run recorded.</summary>
    public void AssertHeld() => Assert.True(Problems.Count == 0,
        $"Interleaving '{Name}' broke the ownership promise {Problems.Count} time(s):\n- " + string.Join("\n- ", Problems) +
        "\n(the transcript is in the test's output)");
}
