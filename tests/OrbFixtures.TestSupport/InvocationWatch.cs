

namespace OrbFixtures.TestSupport;

/// <summary>Waits for an invocation to appear in a sandbox's ORBSIM_LOG (each simulated orbctl writes its start line
/// once its arguments are parsed and its fault chosen), so a test can act at that exact point.</summary>
public static class InvocationWatch
{
    public static async Task<LoggedInvocation> WaitForAsync(SimulatorSandbox sandbox, Func<LoggedInvocation, bool> match, string what,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (sandbox.ReadLog().FirstOrDefault(match) is { } invocation) return invocation;
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"No orbctl invocation {what} within {timeout}.");
            await Task.Delay(50, cancellationToken);
        }
    }
}
