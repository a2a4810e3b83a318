using OrbFixtures.TestSupport;

namespace OrbFixtures.Simulator.Tests.Infrastructure;

internal static class InvocationTiming
{
    /// <summary>How long a finished invocation ran, from its log lines. Tests assert only lower bounds on it: a
    /// simulated duration never ends early, while an upper bound would depend on the machine's speed.</summary>
    public static TimeSpan Took(this LoggedInvocation invocation) => invocation.EndedAt!.Value - invocation.StartedAt;
}
