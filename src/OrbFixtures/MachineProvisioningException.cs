using OrbFixtures.Diagnostics;

namespace OrbFixtures;

/// <summary>
/// A machine could not be made ready. The message is self-contained: what was asked, what orbctl said, and — as its
/// last part — the machine's log (every attempt and decision, <see cref="EventText.Render(MachineLog, int?)"/>).
/// </summary>
public sealed class MachineProvisioningException : Exception
{
    /// <summary>Creates the exception; its message is <paramref name="summary"/> followed by the rendered log.</summary>
    public MachineProvisioningException(string summary, MachineSpec spec, string machineName, MachineLog log,
        OrbCtlErrorKind? kind = null, Exception? innerException = null)
        : base(summary + Environment.NewLine + EventText.Render(log), innerException)
    {
        Summary = summary;
        Spec = spec;
        MachineName = machineName;
        Log = log;
        Kind = kind;
    }

    /// <summary>What went wrong, without the log.</summary>
    public string Summary { get; }

    /// <summary>The spec that was asked for.</summary>
    public MachineSpec Spec { get; }

    /// <summary>The real machine name.</summary>
    public string MachineName { get; }

    /// <summary>Everything that happened to this machine.</summary>
    public MachineLog Log { get; }

    /// <summary>The classification of the orbctl failure behind this, when there is one.</summary>
    public OrbCtlErrorKind? Kind { get; }
}
