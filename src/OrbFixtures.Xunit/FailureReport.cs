using System.Globalization;
using System.Text;
using OrbFixtures.Diagnostics;

namespace OrbFixtures.Xunit;

/// <summary>Renders the block appended to a failed machine test: every machine's attempts, then the test's commands.</summary>
internal static class FailureReport
{
    public const string Heading = "OrbFixtures attempt history";
    public const int CommandsShown = 10;

    public static string? Render(IReadOnlyList<IMachineDiagnosticsSource> sources,
        IReadOnlyList<(Machine Machine, CommandRecord Record)> commands)
    {
        var histories = sources.SelectMany(s => s.AttemptHistories).Distinct().ToList();
        if (histories.Count == 0 && commands.Count == 0) return null;

        var sb = new StringBuilder();
        sb.Append("===== ").Append(Heading).AppendLine(" =====");
        var shown = new HashSet<Machine>();
        foreach (var history in histories)
        {
            sb.AppendLine(history.Render());
            var machine = sources.SelectMany(s => s.ReadyMachines).FirstOrDefault(m => ReferenceEquals(m.History, history));
            if (machine is null) continue;
            shown.Add(machine);
            AppendCommands(sb, machine, commands.Where(c => c.Machine == machine).Select(c => c.Record).ToList());
        }
        foreach (var group in commands.Where(c => !shown.Contains(c.Machine)).GroupBy(c => c.Machine))
        {
            sb.Append(CultureInfo.InvariantCulture, $"machine '{group.Key.LogicalName}' ({group.Key.Name}):").AppendLine();
            AppendCommands(sb, group.Key, group.Select(c => c.Record).ToList());
        }
        sb.Append("===== end of ").Append(Heading).Append(" =====");
        return sb.ToString();
    }

    private static void AppendCommands(StringBuilder sb, Machine machine, IReadOnlyList<CommandRecord> records)
    {
        if (records.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  commands this test ran in '{machine.LogicalName}': none").AppendLine();
            return;
        }
        var last = records.Skip(Math.Max(0, records.Count - CommandsShown)).ToList();
        sb.Append(CultureInfo.InvariantCulture,
            $"  commands this test ran in '{machine.LogicalName}' (last {last.Count} of {records.Count}):").AppendLine();
        foreach (var record in last) sb.AppendLine(CommandTranscript.Format(record, "    "));
    }
}
