using System.Globalization;
using System.Text.RegularExpressions;
using OrbFixtures.Diagnostics;
using OrbFixtures.Provisioning;

namespace OrbFixtures;

// The strategies that look from inside the guest. Each runs one argv through the guest-command path (orbctl run, with
// the spec's secrets) and judges the result; none needs a shell or a tool that a minimal image lacks, except what
// its own subject implies (systemctl, cloud-init, journalctl).

/// <summary><see cref="WaitFor.Command"/>: the command exits 0.</summary>
internal sealed class CommandWait(IReadOnlyList<string> command) : WaitStrategy(WaitStrategyKind.Command, ArgvText.Format(command))
{
    public IReadOnlyList<string> Command { get; } = command;

    internal override string RecordedTarget(WaitContext context) => ArgvText.Format(context.Redactor.Argv(Command));

    internal override async Task<WaitObservation> LookAsync(WaitContext context, CancellationToken cancellationToken) =>
        (await context.RunAsync(Command, cancellationToken).ConfigureAwait(false)).Judge(r => r.ExitCode == 0
            ? WaitObservation.Passed(0)
            : new WaitObservation(WaitFinding.ExitedNonZero, r.ExitCode, Output: LastWords(r)));

    /// <summary>What a failed command said: its stderr, or its stdout when stderr is empty.</summary>
    internal static string LastWords(CommandResult r) => r.StandardError.Trim() is { Length: > 0 } stderr ? stderr : r.StandardOutput.Trim();
}

/// <summary><see cref="WaitFor.CloudInit"/>: <c>cloud-init status</c> says <c>done</c>. It is polled rather than run
/// with <c>--wait</c>, so that every look is an observation and a hung cloud-init never holds a process past the
/// strategy's timeout.</summary>
internal sealed class CloudInitWait() : WaitStrategy(WaitStrategyKind.CloudInit, "cloud-init status")
{
    private static readonly string[] s_argv = ["cloud-init", "status"];

    internal override async Task<WaitObservation> LookAsync(WaitContext context, CancellationToken cancellationToken) =>
        (await context.RunAsync(s_argv, cancellationToken).ConfigureAwait(false)).Judge(Judge);

    private static WaitObservation Judge(CommandResult r)
    {
        // 127: the shell found no cloud-init program (images without cloud-init, e.g. the default variant of some distros).
        if (r.ExitCode == 127) return new WaitObservation(WaitFinding.CloudInitMissing, r.ExitCode, Output: CommandWait.LastWords(r));
        var status = StatusOf(r.StandardOutput);
        return status switch
        {
            // cloud-init 23.4+ exits 2 for "done" with recoverable errors (degraded): it has finished.
            "done" => WaitObservation.Passed(r.ExitCode, r.StandardOutput.Trim()),
            "error" => new WaitObservation(WaitFinding.CloudInitFailed, r.ExitCode, Output: r.StandardOutput.Trim()),
            "disabled" => new WaitObservation(WaitFinding.CloudInitMissing, r.ExitCode, Output: r.StandardOutput.Trim()),
            null when r.ExitCode != 0 => new WaitObservation(WaitFinding.ExitedNonZero, r.ExitCode, Output: CommandWait.LastWords(r)),
            _ => new WaitObservation(WaitFinding.CloudInitRunning, r.ExitCode, Output: r.StandardOutput.Trim()),
        };
    }

    /// <summary>The word after <c>status:</c> (<c>running</c>, <c>done</c>, <c>error</c>, <c>not started</c>...).</summary>
    private static string? StatusOf(string output) => output.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.StartsWith("status:", StringComparison.Ordinal))
        .Select(l => l["status:".Length..].Trim())
        .FirstOrDefault();
}

/// <summary><see cref="WaitFor.SystemdUnit"/>: <c>systemctl is-active UNIT</c> exits 0.</summary>
internal sealed class SystemdUnitWait(string unit) : WaitStrategy(WaitStrategyKind.SystemdUnit, unit)
{
    internal override async Task<WaitObservation> LookAsync(WaitContext context, CancellationToken cancellationToken) =>
        (await context.RunAsync(["systemctl", "is-active", Target], cancellationToken).ConfigureAwait(false)).Judge(r => r.ExitCode == 0
            ? WaitObservation.Passed(0, r.StandardOutput.Trim())
            : new WaitObservation(WaitFinding.UnitNotActive, r.ExitCode, Output: CommandWait.LastWords(r)));
}

/// <summary><see cref="WaitFor.Port"/>: a socket inside the guest listens on the TCP port. Read from
/// <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>, which every Linux has (no <c>ss</c> or <c>netstat</c> needed).</summary>
internal sealed class PortWait(int port) : WaitStrategy(WaitStrategyKind.Port, port.ToString(CultureInfo.InvariantCulture))
{
    private const string Listen = "0A";
    private static readonly string[] s_argv = ["cat", "/proc/net/tcp", "/proc/net/tcp6"];

    public int Port { get; } = port;

    internal override async Task<WaitObservation> LookAsync(WaitContext context, CancellationToken cancellationToken) =>
        (await context.RunAsync(s_argv, cancellationToken).ConfigureAwait(false)).Judge(r =>
        {
            var listening = ListeningPorts(r.StandardOutput).ToHashSet();
            if (listening.Contains(Port)) return WaitObservation.Passed(r.ExitCode);
            // cat exits 1 when tcp6 is missing (IPv6 off) yet prints tcp: only no table at all is a failure to look.
            var seen = listening.Count == 0 ? "" : "listening: " + string.Join(", ", listening.Order());
            return r.StandardOutput.Contains("local_address", StringComparison.Ordinal)
                ? new WaitObservation(WaitFinding.NotListening, r.ExitCode, Output: seen)
                : new WaitObservation(WaitFinding.ExitedNonZero, r.ExitCode, Output: CommandWait.LastWords(r));
        });

    /// <summary>The ports of the sockets in state LISTEN, from the kernel's table: <c>sl local_address rem_address st ...</c>,
    /// an address being <c>HEXIP:HEXPORT</c>.</summary>
    internal static IEnumerable<int> ListeningPorts(string table)
    {
        foreach (var line in table.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != Listen) continue;
            var colon = fields[1].LastIndexOf(':');
            if (colon >= 0 && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
                yield return port;
        }
    }
}

/// <summary><see cref="WaitFor.File"/>: <c>test -e PATH</c> exits 0.</summary>
internal sealed class FileWait(string path) : WaitStrategy(WaitStrategyKind.File, path)
{
    internal override async Task<WaitObservation> LookAsync(WaitContext context, CancellationToken cancellationToken) =>
        (await context.RunAsync(["test", "-e", Target], cancellationToken).ConfigureAwait(false)).Judge(r => r.ExitCode switch
        {
            0 => WaitObservation.Passed(0),
            1 => new WaitObservation(WaitFinding.FileMissing, 1),
            _ => new WaitObservation(WaitFinding.ExitedNonZero, r.ExitCode, Output: CommandWait.LastWords(r)),
        });
}

/// <summary><see cref="WaitFor.LogLine"/>: a line of the journal (or of a file) matches the pattern. Each look reads
/// the last <see cref="Lines"/> lines.</summary>
internal sealed class LogLineWait(Regex pattern, LogSource source) : WaitStrategy(WaitStrategyKind.LogLine, $"/{pattern}/ in {source}")
{
    /// <summary>How many of the latest lines each look reads.</summary>
    public const int Lines = 1000;

    /// <summary>How many of the latest lines a look that found nothing records.</summary>
    private const int LinesRecorded = 5;

    internal override async Task<WaitObservation> LookAsync(WaitContext context, CancellationToken cancellationToken)
    {
        var argv = source.Path is { } path
            ? new[] { "tail", "-n", Lines.ToString(CultureInfo.InvariantCulture), path }
            : ["journalctl", "--no-pager", "-o", "cat", "-b", "-n", Lines.ToString(CultureInfo.InvariantCulture), .. source.Unit is { } unit ? new[] { "-u", unit } : []];
        return (await context.RunAsync(argv, cancellationToken).ConfigureAwait(false)).Judge(r =>
        {
            var lines = r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            string? match;
            try
            {
                match = lines.LastOrDefault(pattern.IsMatch);
            }
            catch (RegexMatchTimeoutException)
            {
                return new WaitObservation(WaitFinding.NoMatchingLine, r.ExitCode, Detail: nameof(RegexMatchTimeoutException));
            }
            if (match is not null) return WaitObservation.Passed(r.ExitCode, match);
            if (r.ExitCode != 0 && lines.Count == 0) return new WaitObservation(WaitFinding.ExitedNonZero, r.ExitCode, Output: CommandWait.LastWords(r));
            return new WaitObservation(WaitFinding.NoMatchingLine, r.ExitCode, Output: string.Join('\n', lines.TakeLast(LinesRecorded)));
        });
    }
}
