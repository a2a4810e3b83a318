namespace OrbFixtures.Provisioning;

/// <summary>Tells the reaper and the ownership check which processes are alive (tests inject a fake).</summary>
internal interface IProcessLiveness
{
    /// <summary>This process.</summary>
    ProcessIdentity Current { get; }

    /// <summary>Whether <paramref name="owner"/> still runs: the pid exists, is not a zombie, and started when the
    /// record says (a different start time means the pid was reused by another process).</summary>
    bool IsAlive(ProcessIdentity owner);
}
