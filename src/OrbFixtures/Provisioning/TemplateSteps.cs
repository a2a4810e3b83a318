using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>The commands run on a template machine: its setup steps (also run on a machine made from the recipe
/// without templates) and the seal. All run as root: setup installs packages, and the seal rewrites system files.</summary>
internal static class TemplateSteps
{
    private const string Root = "root";

    /// <summary>What sealing runs: <c>/etc/machine-id</c> emptied (systemd makes a new one at a clone's first boot), and
    /// cloud-init's state, logs, machine-id and seed removed where cloud-init runs — machines created with user data;
    /// OrbStack's images made without it ship without cloud-init (reference/ecosystem-2026.md §4).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SealCommands(bool cloudInit) => cloudInit
        ? [["truncate", "-s", "0", "/etc/machine-id"], ["cloud-init", "clean", "--logs", "--machine-id", "--seed"]]
        : [["truncate", "-s", "0", "/etc/machine-id"]];

    /// <summary>Runs the setup steps in order, each under its own timeout, recording each; returns why the first
    /// failing one failed, or <see langword="null"/> when all passed.</summary>
    public static async Task<string?> RunSetupAsync(ProvisioningSession session, MachineJournal journal, IReadOnlyList<TemplateSetupStep> steps,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var number = i + 1;
            var started = session.Time.GetTimestamp();
            try
            {
                var result = await session.Client.RunAsync(new RunCommandRequest(journal.Name, step.Command, Root, Timeout: step.Timeout),
                    journal.Log, cancellationToken).ConfigureAwait(false);
                var stderr = result.ExitCode == 0 ? "" : OutputExcerpt.OneLine(result.StandardError);
                journal.Record(at => new SetupStepFinished(at, number, steps.Count, step.Command, result.ExitCode, session.Time.GetElapsedTime(started), stderr));
                if (result.ExitCode != 0) return $"setup step {number} [{step}] exited {result.ExitCode}";
            }
            catch (OrbCtlException e)
            {
                journal.Record(at => new SetupStepFinished(at, number, steps.Count, step.Command, null, session.Time.GetElapsedTime(started), Error: e.Kind));
                return $"setup step {number} [{step}] could not run ({e.Kind})";
            }
        }
        return null;
    }

    /// <summary>Runs the seal commands; returns why one failed, or <see langword="null"/>.</summary>
    public static async Task<string?> SealAsync(ProvisioningSession session, MachineJournal journal, bool cloudInit, CancellationToken cancellationToken)
    {
        foreach (var command in SealCommands(cloudInit))
        {
            var result = await session.Client.RunAsync(new RunCommandRequest(journal.Name, command, Root), journal.Log, cancellationToken)
                .ConfigureAwait(false);
            if (result.ExitCode != 0)
                return $"sealing failed: [{string.Join(' ', command)}] exited {result.ExitCode}: {OutputExcerpt.OneLine(result.StandardError)}";
        }
        journal.Record(at => new TemplateSealed(at, journal.Name, cloudInit));
        return null;
    }
}
