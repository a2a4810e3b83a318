using System.Globalization;
using OrbFixtures.Simulator.Cli;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl version</c>: the scenario's version, its build code and a commit; needs no running service.</summary>
internal sealed class VersionCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "version",
        Use = "",
        Short = "Show OrbStack version",
        Long = "Show OrbStack version information.",
        Example = "  orbctl version",
        Group = "General:",
    };

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        var version = context.Scenario.Version;
        var parts = version.Split('.').Select(int.Parse).ToArray();
        var code = (parts[0] * 1_000_000) + (parts[1] * 10_000) + (parts[2] * 100);
        var commit = CommitOf(version);
        context.Out.Write($"Version: {version} ({code})\nCommit: {commit} (v{version})\n");
        return 0;
    }

    /// <summary>A stable, git-like 40-hex-digit commit per version (no crypto: loading OpenSSL would slow every start).</summary>
    private static string CommitOf(string version)
    {
        var digits = new System.Text.StringBuilder();
        var hash = 14695981039346656037UL;
        while (digits.Length < 40)
        {
            foreach (var c in "orbsim " + version)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }

            digits.Append(hash.ToString("x16", CultureInfo.InvariantCulture));
        }

        return digits.ToString(0, 40);
    }
}
