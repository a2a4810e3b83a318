using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>
/// A machine could not be made ready. The message is self-contained: what was asked, what orbctl said,
/// what was tried, and the attempt history.
/// </summary>
public sealed class MachineProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MachineProvisioningException(string message, MachineSpec spec, string machineName, AttemptHistory history,
        OrbCtlErrorKind? kind = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Spec = spec;
        MachineName = machineName;
        History = history;
        Kind = kind;
    }

    /// <summary>The spec that was asked for.</summary>
    public MachineSpec Spec { get; }

    /// <summary>The real machine name.</summary>
    public string MachineName { get; }

    /// <summary>Every attempt and decision made for this machine.</summary>
    public AttemptHistory History { get; }

    /// <summary>The classification of the orbctl failure behind this, when there is one.</summary>
    public OrbCtlErrorKind? Kind { get; }
}
