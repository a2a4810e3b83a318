using System.Text.RegularExpressions;
using OrbFixtures.Validation;

namespace OrbFixtures;

/// <summary>
/// The wait strategies: what must hold, after a machine is running, before it counts as ready. Attach them with
/// <see cref="MachineSpec.WithWaitFor"/>; they run in order, each looking every poll interval until it passes or its
/// timeout passes (<see cref="WaitStrategy.WithTimeout"/>, <see cref="WaitStrategy.WithPollInterval"/>; defaults in
/// <see cref="OrbFixturesOptions.WaitTimeout"/> and <see cref="OrbFixturesOptions.WaitPollInterval"/>). Arguments are
/// checked here, before any process starts: a bad one throws <see cref="ArgumentException"/> naming it and the rule.
/// </summary>
public static class WaitFor
{
    /// <summary>How long a log pattern may take to match one line before the look fails (a pattern that backtracks
    /// without end must not hang readiness).</summary>
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromSeconds(1);

    /// <summary><paramref name="command"/> (argv, program first) exits 0 inside the machine.</summary>
    /// <exception cref="ArgumentException">The command is empty, starts with '-' or holds a null argument.</exception>
    public static WaitStrategy Command(params string[] command)
    {
        if (ArgvRules.CommandProblem(command) is { } problem) throw new ArgumentException($"The wait command {problem}.", nameof(command));
        return new CommandWait([.. command]);
    }

    /// <summary>cloud-init has finished: <c>cloud-init status</c> says <c>status: done</c>. Gives up at once when it
    /// says <c>error</c>, or when the image has no cloud-init (or it is disabled): no wait can change those.</summary>
    public static WaitStrategy CloudInit() => new CloudInitWait();

    /// <summary>The systemd unit is active (<c>systemctl is-active UNIT</c> exits 0), e.g. <c>nginx</c> or
    /// <c>postgresql.service</c>.</summary>
    /// <exception cref="ArgumentException">The unit name is empty, starts with '-' or holds whitespace or '/'.</exception>
    public static WaitStrategy SystemdUnit(string unit)
    {
        if (string.IsNullOrWhiteSpace(unit) || unit.StartsWith('-') || unit.Any(c => char.IsWhiteSpace(c) || c == '/'))
            throw new ArgumentException(
                $"Systemd unit '{unit}' is invalid: give a unit name such as 'nginx' or 'nginx.service' (not empty, not starting with '-', without whitespace or '/').",
                nameof(unit));
        return new SystemdUnitWait(unit);
    }

    /// <summary>A socket inside the machine listens on TCP <paramref name="port"/> (read from the guest's
    /// <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>; works in isolated machines too).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The port is not from 1 to 65535.</exception>
    public static WaitStrategy Port(int port) => new PortWait(CheckPort(port));

    /// <summary>A TCP connection from the host to <paramref name="port"/> of the machine succeeds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The port is not from 1 to 65535.</exception>
    public static WaitStrategy Tcp(int port) => new TcpWait(CheckPort(port));

    /// <summary>An HTTP GET from the host to <c>SCHEME://MACHINE:PORT/PATH</c> answers with a 2xx status (see
    /// <see cref="HttpWaitStrategy.ForStatus"/> and <see cref="HttpWaitStrategy.Matching"/> for other answers).</summary>
    /// <param name="port">The port, from 1 to 65535.</param>
    /// <param name="path">The path (and query), starting with '/'.</param>
    /// <param name="scheme"><c>http</c> or <c>https</c>.</param>
    /// <exception cref="ArgumentException">The port, path or scheme breaks its rule.</exception>
    public static HttpWaitStrategy Http(int port, string path = "/", string scheme = "http")
    {
        CheckPort(port);
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/') || path.Any(char.IsWhiteSpace))
            throw new ArgumentException($"HTTP path '{path}' is invalid: it must start with '/' and hold no whitespace, e.g. '/health'.", nameof(path));
        if (scheme is not ("http" or "https"))
            throw new ArgumentException($"HTTP scheme '{scheme}' is invalid: use 'http' or 'https'.", nameof(scheme));
        return new HttpWaitStrategy(scheme, port, path);
    }

    /// <summary>An HTTP GET from the host to the absolute <paramref name="url"/> answers with a 2xx status (for an
    /// address that is not the machine's own, e.g. a name the machine registers elsewhere).</summary>
    /// <exception cref="ArgumentException">The URL is not an absolute http or https URL.</exception>
    public static HttpWaitStrategy Http(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"URL '{url}' is invalid: give an absolute http or https URL.", nameof(url));
        return new HttpWaitStrategy(url);
    }

    /// <summary>The file (or directory) at the absolute <paramref name="path"/> exists inside the machine.</summary>
    /// <exception cref="ArgumentException">The path is not absolute, or holds a NUL character.</exception>
    public static WaitStrategy File(string path) => new FileWait(CheckGuestPath(path, nameof(path)));

    /// <summary>A line matching <paramref name="pattern"/> (a .NET regular expression) is logged: in the systemd journal
    /// of the current boot (<see cref="LogSource.Journal"/>, the default) or in a file (<see cref="LogSource.File"/>).
    /// Each look reads the latest 1000 lines.</summary>
    /// <exception cref="ArgumentException">The pattern is empty or not a valid regular expression.</exception>
    public static WaitStrategy LogLine(string pattern, LogSource? source = null)
    {
        if (string.IsNullOrEmpty(pattern)) throw new ArgumentException("The log pattern is empty; give a regular expression, e.g. \"ready to accept connections\".", nameof(pattern));
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, s_regexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The log pattern '{pattern}' is not a valid regular expression: {e.Message}", nameof(pattern), e);
        }
        return new LogLineWait(regex, source ?? LogSource.Journal());
    }

    private static int CheckPort(int port) => port is >= 1 and <= 65535
        ? port
        : throw new ArgumentOutOfRangeException(nameof(port), port, $"Port {port} is invalid: a TCP port is from 1 to 65535.");

    internal static string CheckGuestPath(string path, string parameter)
    {
        ArgumentNullException.ThrowIfNull(path, parameter);
        if (!path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"Guest path '{path}' is invalid: it must be absolute (start with '/'), e.g. '/var/lib/app/ready'.", parameter);
        return path;
    }
}

/// <summary>Where <see cref="WaitFor.LogLine"/> reads: the systemd journal (optionally of one unit) or a file.</summary>
public sealed class LogSource
{
    private LogSource(string? unit, string? path)
    {
        Unit = unit;
        Path = path;
    }

    /// <summary>The unit whose journal is read, or <see langword="null"/> for the whole journal (or a file).</summary>
    public string? Unit { get; }

    /// <summary>The file read, or <see langword="null"/> for the journal.</summary>
    public string? Path { get; }

    /// <summary>The journal of the current boot (<c>journalctl -b</c>), of <paramref name="unit"/> only when given.</summary>
    /// <exception cref="ArgumentException">The unit name breaks the rule of <see cref="WaitFor.SystemdUnit"/>.</exception>
    public static LogSource Journal(string? unit = null) => new(unit is null ? null : ((SystemdUnitWait)WaitFor.SystemdUnit(unit)).Target, null);

    /// <summary>The file at the absolute <paramref name="path"/> inside the machine (its last lines, <c>tail</c>).</summary>
    /// <exception cref="ArgumentException">The path is not absolute.</exception>
    public static LogSource File(string path) => new(null, WaitFor.CheckGuestPath(path, nameof(path)));

    /// <summary>E.g. <c>journal</c>, <c>journal of nginx</c>, <c>/var/log/app.log</c>.</summary>
    public override string ToString() => Path ?? (Unit is null ? "journal" : $"journal of {Unit}");
}
