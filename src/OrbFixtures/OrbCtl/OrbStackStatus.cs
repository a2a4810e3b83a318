namespace OrbFixtures.OrbCtl;

/// <summary>The answer of <c>orbctl status</c> (exit code 0, 2 or 1).</summary>
internal enum OrbStackStatus
{
    /// <summary>Exit 0: OrbStack is running and usable.</summary>
    Running,
    /// <summary>Exit 2: the VM answers but the machine service is not ready yet.</summary>
    Starting,
    /// <summary>Exit 1: OrbStack is not running.</summary>
    Stopped,
}
