using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Tests.OrbCtl.Simulator;

/// <summary>Real clients (CliWrap, system clock) pointed at a sandboxed simulator, and a way to see which
/// simulator processes of a sandbox are still alive.</summary>
internal static class SimulatorClients
{
    /// <summary>Fast retries so tests stay short; the real clock, because real processes run.</summary>
    public static OrbCtlRetryOptions FastRetry { get; } = new()
    {
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        UseJitter = false,
    };

    public static OrbCtlClient For(SimulatorSandbox sandbox, OperationTimeouts? timeouts = null, OrbCtlRetryOptions? retry = null) =>
        new(new OrbCtlClientOptions
        {
            OrbctlPath = SimulatorSandbox.OrbctlPath,
            EnvironmentVariables = sandbox.Environment,
            Timeouts = timeouts ?? OperationTimeouts.Default,
            Retry = retry ?? FastRetry,
        });

    /// <summary>Pids of live processes whose environment points at this sandbox's state directory: the simulator
    /// processes the client started for it.</summary>
    public static IReadOnlyList<int> LiveProcesses(SimulatorSandbox sandbox) => ProcessTable.WithEnvironment("ORBSIM_HOME", sandbox.Home);
}
