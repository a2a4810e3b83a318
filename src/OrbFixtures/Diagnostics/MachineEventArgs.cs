namespace OrbFixtures.Diagnostics;

/// <summary>An event appended to one of a provisioner's logs (<see cref="MachineProvisioner.EventRecorded"/>).</summary>
public sealed class MachineEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public MachineEventArgs(MachineLog log, MachineEvent @event)
    {
        Log = log ?? throw new ArgumentNullException(nameof(log));
        Event = @event ?? throw new ArgumentNullException(nameof(@event));
    }

    /// <summary>The log it was appended to (a machine's, or the session's).</summary>
    public MachineLog Log { get; }

    /// <summary>What happened.</summary>
    public MachineEvent Event { get; }

    /// <summary>Whether it is worth a progress line (<see cref="EventText.IsProgress"/>).</summary>
    public bool IsProgress => EventText.IsProgress(Event);

    /// <summary>Its progress line (<see cref="EventText.ProgressLine"/>).</summary>
    public override string ToString() => EventText.ProgressLine(Log, Event);
}
