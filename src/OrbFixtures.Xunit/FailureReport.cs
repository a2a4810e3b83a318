using System.Text;
using OrbFixtures.Diagnostics;

namespace OrbFixtures.Xunit;

/// <summary>The block that ends the message of a failed machine test: the log of each machine it concerns, once, in
/// time order, each showing at most the source's <see cref="IMachineDiagnosticsSource.CommandHistorySize"/> commands.</summary>
internal static class FailureReport
{
    public const string Heading = "OrbFixtures attempt history";

    public static string? Render(IReadOnlyList<MachineLog> logs, int commandHistorySize)
    {
        if (logs.Count == 0) return null;
        var sb = new StringBuilder();
        sb.Append("===== ").Append(Heading).AppendLine(" =====");
        foreach (var log in logs) sb.AppendLine(EventText.Render(log, commandHistorySize));
        sb.Append("===== end of ").Append(Heading).Append(" =====");
        return sb.ToString();
    }

    /// <summary>Moves the failure block to the end of a failure's messages: a <see cref="MachineProvisioningException"/>
    /// carries its machine's log as the last part of its own message, which xUnit would show before the inner
    /// exceptions, and again in the block. Each message loses such an embedded log, and the block goes after the last
    /// message, so it is shown once and ends the failure.</summary>
    public static string[] AppendTo(string[] messages, IReadOnlyList<MachineLog> logs, string block)
    {
        var result = messages.Length > 0 ? (string[])messages.Clone() : [""];
        for (var i = 0; i < result.Length; i++)
        {
            foreach (var log in logs)
            {
                var embedded = result[i].IndexOf(Environment.NewLine + log.Subject + ":", StringComparison.Ordinal);
                if (embedded >= 0) result[i] = result[i][..embedded];
            }
        }
        result[^1] += Environment.NewLine + block;
        return result;
    }
}
