using OrbFixtures.Simulator.Scenario;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>What a command works with: the scenario, the state, the OrbStack service, the clock and the stdio.</summary>
internal sealed class CommandContext
{
    public required SimulationScenario Scenario { get; init; }

    public required StateStore Store { get; init; }

    public required OrbStackService Service { get; init; }

    public required TimeProvider Clock { get; init; }

    public required TextWriter Out { get; init; }

    public required TextWriter Err { get; init; }

    public required Func<string> ReadStdin { get; init; }

    /// <summary>Reads one line typed at the terminal (prompts), or null at end of input.</summary>
    public required Func<string?> ReadLine { get; init; }

    public required bool StdinIsTerminal { get; init; }

    public required bool StdoutIsTerminal { get; init; }

    /// <summary>The "macOS user": the default Linux user name when <c>create</c> gets no <c>-u</c>.</summary>
    public required string HostUser { get; init; }

    /// <summary>The fault chosen for this invocation, if any (create needs it for hang-after-create).</summary>
    public AppliedFault? Fault { get; set; }

    /// <summary>Really waits: simulated durations are wall-clock time shared by every orbctl process.</summary>
    public static void Pause(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero) Thread.Sleep(duration);
    }

    public void Sleep(TimeSpan duration) => Pause(duration);

    public void SleepUntil(DateTimeOffset moment) => Sleep(moment - Clock.GetUtcNow());

    /// <summary>Blocks until the process is killed, after making sure everything written so far is visible.</summary>
    public void HangForever()
    {
        Out.Flush();
        Err.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
