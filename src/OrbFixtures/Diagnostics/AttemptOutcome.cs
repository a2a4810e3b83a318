namespace OrbFixtures.Diagnostics;

/// <summary>How one <c>orbctl</c> process ended.</summary>
public enum AttemptOutcome
{
    /// <summary>It did what was asked.</summary>
    Succeeded,
    /// <summary>It exited with an error (classified in <see cref="AttemptFinished.Error"/>).</summary>
    Failed,
    /// <summary>It ran past its timeout and its process tree was killed.</summary>
    TimedOut,
    /// <summary>It was cancelled on purpose (e.g. a hung create killed after the watchdog adopted the machine).</summary>
    Cancelled,
}
