namespace OrbFixtures.Simulator.State;

/// <summary>The <c>state</c> values real orbctl prints (creating, provisioning, starting, running, stopping, stopped, deleting), plus the internal end state of a deleted machine.</summary>
internal static class MachineStates
{
    public const string Creating = "creating";
    public const string Provisioning = "provisioning";
    public const string Starting = "starting";
    public const string Running = "running";
    public const string Stopping = "stopping";
    public const string Stopped = "stopped";
    public const string Deleting = "deleting";

    /// <summary>Never shown: a record in this state no longer exists.</summary>
    public const string Deleted = "deleted";
}
