namespace OrbFixtures;

/// <summary>The <c>state</c> of a machine as <c>orbctl</c> reports it (unknown values are kept raw in <see cref="MachineInfo.RawState"/>).</summary>
public enum MachineState
{
    /// <summary>A state this version of OrbFixtures does not know; the raw text is kept in <see cref="MachineInfo.RawState"/>.</summary>
    Unknown,
    /// <summary><c>creating</c>: the rootfs is being made.</summary>
    Creating,
    /// <summary><c>provisioning</c>: running, but initial setup has not finished.</summary>
    Provisioning,
    /// <summary><c>starting</c>.</summary>
    Starting,
    /// <summary><c>running</c>.</summary>
    Running,
    /// <summary><c>stopping</c>.</summary>
    Stopping,
    /// <summary><c>stopped</c>.</summary>
    Stopped,
    /// <summary><c>deleting</c>.</summary>
    Deleting,
}
