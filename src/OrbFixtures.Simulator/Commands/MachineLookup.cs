using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// How the daemon finds a machine: by ID first, then by name. The builtin <c>docker</c> machine always exists
/// (hidden from <c>list</c>, visible to <c>info</c>).
/// </summary>
internal static class MachineLookup
{
    public const string DockerId = "01GQQVF6C60000000000DOCKER";

    public static MachineRecord? Find(StateDocument document, string key, string hostArch)
    {
        if (key is DockerId or "docker") return Docker(hostArch);
        return document.FindById(key) ?? document.FindByName(key);
    }

    public static MachineRecord Get(StateDocument document, string key, string hostArch) =>
        Find(document, key, hostArch) ?? throw CommandFailedException.MachineNotFound(key);

    /// <summary>
    /// The machine <c>run</c>, <c>push</c> and <c>pull</c> use without <c>-m</c>: the default machine, else the most
    /// recently created one (OrbStack picks the most recently used).
    /// </summary>
    public static MachineRecord DefaultOrLatest(StateDocument document) =>
        (document.DefaultMachineId is { } id ? document.FindById(id) : null)
        ?? document.Machines.OrderByDescending(m => m.CreatedAt).FirstOrDefault()
        ?? throw new CommandFailedException("[-32098] no machines found");

    private static MachineRecord Docker(string hostArch) => new()
    {
        Id = DockerId,
        Name = "docker",
        Distro = "docker",
        Version = "",
        Arch = hostArch,
        DefaultUsername = "root",
        Builtin = true,
        Settled = MachineStates.Running,
    };
}
