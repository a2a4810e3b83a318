namespace OrbFixtures.OrbCtl;

/// <summary>Maps orbctl's <c>state</c> text to <see cref="MachineState"/>; a state a newer OrbStack adds becomes
/// <see cref="MachineState.Unknown"/> instead of an error.</summary>
internal static class MachineStates
{
    public static MachineState Parse(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "creating" => MachineState.Creating,
        "provisioning" => MachineState.Provisioning,
        "starting" => MachineState.Starting,
        "running" => MachineState.Running,
        "stopping" => MachineState.Stopping,
        "stopped" => MachineState.Stopped,
        "deleting" => MachineState.Deleting,
        _ => MachineState.Unknown,
    };
}
