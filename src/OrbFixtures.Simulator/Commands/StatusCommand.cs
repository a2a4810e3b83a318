using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Scenario;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl status</c>: Running (0), Starting (2) or Stopped (1); never starts anything.</summary>
internal sealed class StatusCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "status",
        Use = "",
        Short = "Check whether OrbStack is running",
        Long = """
            Check whether OrbStack is running.

            Returns one of the following statuses and exit codes:
              Running: status 0
              Starting: status 2
              Stopped: status 1
            """,
        Example = "  orbctl status",
        Group = "General:",
    };

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        var status = context.Service.Status;
        context.Out.Write(status + "\n");
        return status switch
        {
            DaemonSettings.Running => 0,
            DaemonSettings.Starting => 2,
            _ => 1,
        };
    }
}
