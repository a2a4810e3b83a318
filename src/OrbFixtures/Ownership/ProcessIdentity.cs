namespace OrbFixtures.Ownership;

/// <summary>A process as the ledger identifies it: its id plus its start time, so a recycled pid is not mistaken for
/// the process that wrote a record.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="StartTime">When the process started (UTC).</param>
internal readonly record struct ProcessIdentity(int Pid, DateTimeOffset StartTime);
