namespace OrbFixtures.Simulator.Scenario;

/// <summary>What a matching fault does to an invocation instead of (or before) the real work.</summary>
internal enum FaultAction
{
    /// <summary>The machine is created normally, then the process never returns until killed.</summary>
    HangAfterCreate,

    /// <summary>Nothing happens; the process never returns until killed.</summary>
    Hang,

    /// <summary>Write the given stderr and exit with the given code; nothing else happens.</summary>
    Fail,

    /// <summary>Sleep first, then behave normally.</summary>
    Delay,

    /// <summary>Write malformed output, exit 0, and skip the operation.</summary>
    Garbage,
}
