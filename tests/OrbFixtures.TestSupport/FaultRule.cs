namespace OrbFixtures.TestSupport;

/// <summary>One entry of the simulator scenario's <c>faults</c> list (src/OrbFixtures.Simulator/README.md, "Faults"):
/// the first rule whose <see cref="Op"/> and <see cref="Machine"/> glob match an invocation, and that has budget left
/// (<see cref="Times"/>, counted across processes), applies.</summary>
public sealed record FaultRule(string Op, string Action)
{
    public string? Machine { get; init; }
    public int? Times { get; init; }
    public string? Stderr { get; init; }
    public int? ExitCode { get; init; }
    public int? DelayMs { get; init; }
    public string? Output { get; init; }

    public static FaultRule HangAfterCreate(string machine, int times = 1) => new("create", "hang-after-create") { Machine = machine, Times = times };

    public static FaultRule Hang(string op, string machine, int times = 1) => new(op, "hang") { Machine = machine, Times = times };

    public static FaultRule Fail(string op, string machine, string stderr, int? times) =>
        new(op, "fail") { Machine = machine, Times = times, Stderr = stderr, ExitCode = 1 };

    public static FaultRule Delay(string op, string machine, int delayMs, int times = 1) =>
        new(op, "delay") { Machine = machine, Times = times, DelayMs = delayMs };

    public static FaultRule Garbage(string op, string machine, int times = 1) =>
        new(op, "garbage") { Machine = machine, Times = times, Output = "{\"record\": [oops" };
}
