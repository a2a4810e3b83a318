using System.Security.Cryptography;
using System.Text;
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
        var commit = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes("orbsim " + version))).ToLowerInvariant();
        context.Out.Write($"Version: {version} ({code})\nCommit: {commit} (v{version})\n");
        return 0;
    }
}
