using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrbFixtures.Simulator.Commands;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Scenario;

/// <summary>
/// Picks the scripted answer of one <c>orbctl run</c>: the first <c>run[]</c> entry, in file order, whose machine
/// glob and argv match and whose conditions hold (<see cref="ScriptedResponse.AfterCalls"/>,
/// <see cref="ScriptedResponse.AfterMs"/>). Runs of each argv are counted per machine in the machine's directory,
/// under the state lock, so the count is right across concurrent processes.
/// </summary>
internal static class ScriptedRuns
{
    public static ScriptedResponse? Answer(CommandContext context, MachineRecord machine, IReadOnlyList<string> command)
    {
        var candidates = context.Scenario.Run
            .Where(r => (r.Machine is null || Glob.IsMatch(r.Machine, machine.Name)) && r.Command.SequenceEqual(command))
            .ToList();
        if (candidates.Count == 0) return null;
        var (earlierCalls, runningFor) = context.Store.Update((document, now) =>
        {
            var counter = Path.Combine(context.Store.MachineDirectory(machine.Id), "run-calls", Key(command));
            var calls = File.Exists(counter) ? int.Parse(File.ReadAllText(counter), CultureInfo.InvariantCulture) : 0;
            Directory.CreateDirectory(Path.GetDirectoryName(counter)!);
            File.WriteAllText(counter, (calls + 1).ToString(CultureInfo.InvariantCulture));
            var current = document.FindById(machine.Id);
            var running = current is not null && current.StateAt(now) == MachineStates.Running ? now - current.SettledAt : TimeSpan.Zero;
            return (calls, running);
        });
        return candidates.FirstOrDefault(r =>
            (r.AfterCalls is not { } calls || earlierCalls >= calls) && (r.AfterMs is not { } ms || runningFor >= TimeSpan.FromMilliseconds(ms)));
    }

    private static string Key(IReadOnlyList<string> command) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', command))))[..16];
}
