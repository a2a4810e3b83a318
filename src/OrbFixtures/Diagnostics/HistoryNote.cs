namespace OrbFixtures.Diagnostics;

/// <summary>A step or decision of a higher layer that is not an <c>orbctl</c> process, e.g.
/// <c>watchdog: machine is running and passed the probe; adopting it and killing the hung create</c>.</summary>
/// <param name="At">When it happened (from the injected clock).</param>
/// <param name="Message">What happened; never contains secrets.</param>
public sealed record HistoryNote(DateTimeOffset At, string Message);
