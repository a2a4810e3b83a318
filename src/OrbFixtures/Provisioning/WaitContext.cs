using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>What one look of a wait strategy works with: the machine as <c>info</c> last showed it, the guest-command
/// path (<c>orbctl run</c>, under the spec's secrets), the host-side HTTP client and the clock, and how long the look
/// may take (what is left of the strategy's timeout and of the readiness budget).</summary>
internal sealed class WaitContext(IOrbCtlClient client, MachineJournal journal, MachineInfo info, TimeProvider time,
    TimeSpan lookTimeout, Func<HttpClient> http)
{
    public SecretRedactor Redactor => journal.Spec.Redactor;

    public TimeProvider Time => time;

    /// <summary>The most one look may take; a guest command runs under it as its timeout.</summary>
    public TimeSpan LookTimeout => lookTimeout;

    /// <summary>Where the host reaches the machine: its IPv4 address when OrbStack reports one (no DNS lookup), else
    /// its <c>.orb.local</c> name.</summary>
    public string HostAddress => MachineAddresses.HostAddress(info);

    /// <summary>The HTTP client of this readiness wait (made on first use, disposed when the wait ends).</summary>
    public HttpClient Http => http();

    /// <summary>Runs <paramref name="argv"/> in the machine through the one guest-command path; an orbctl failure
    /// (timeout, machine gone) is returned, not thrown.</summary>
    public async Task<GuestAnswer> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        try
        {
            var request = new RunCommandRequest(journal.Name, argv, Timeout: lookTimeout) { Secrets = journal.Spec.Secrets };
            return new GuestAnswer(await client.RunAsync(request, journal.Log, cancellationToken).ConfigureAwait(false), null);
        }
        catch (OrbCtlException e)
        {
            return new GuestAnswer(null, e);
        }
    }
}

/// <summary>A guest command's result, or why orbctl could not run it.</summary>
internal sealed record GuestAnswer(CommandResult? Result, OrbCtlException? Error)
{
    /// <summary>The observation when orbctl could not run the command, otherwise <paramref name="judge"/>'s.</summary>
    public WaitObservation Judge(Func<CommandResult, WaitObservation> judge) =>
        Result is { } result ? judge(result) : new WaitObservation(WaitFinding.CouldNotRun, Error: Error!.Kind);
}

/// <summary>What one look saw (the data of a <see cref="WaitPolled"/> event; the output is bounded and redacted
/// when the event is recorded).</summary>
internal sealed record WaitObservation(WaitFinding Finding, int? ExitCode = null, int? HttpStatus = null, string Output = "",
    OrbCtlErrorKind? Error = null, string? Detail = null)
{
    /// <summary>The most characters of output one observation keeps (head and tail).</summary>
    public const int MaxOutput = 1024;

    public static WaitObservation Passed(int? exitCode = null, string output = "") => new(WaitFinding.Passed, exitCode, Output: output);

    /// <summary>Whether no further look can change what this one saw.</summary>
    public bool IsUnrecoverable => Finding is WaitFinding.CloudInitFailed or WaitFinding.CloudInitMissing;
}

/// <summary>How a machine is named and reached on OrbStack's network.</summary>
internal static class MachineAddresses
{
    /// <summary>The DNS domain OrbStack gives every machine, reachable from the host (and from other machines).</summary>
    public const string Domain = "orb.local";

    public static string Hostname(string machineName) => $"{machineName}.{Domain}";

    public static string HostAddress(MachineInfo info) => info.IPv4 ?? Hostname(info.Name);
}
