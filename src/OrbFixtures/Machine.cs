using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;
using OrbFixtures.Validation;
using PipeTarget = CliWrap.PipeTarget;

namespace OrbFixtures;

/// <summary>
/// A ready machine handed out by <see cref="MachineProvisioner.EnsureAsync"/>. Commands run as argv lists inside
/// the machine (never through a host shell); each is a <see cref="CommandRan"/> event in the machine's <see cref="Log"/>,
/// beside everything that happened while it was provisioned.
/// </summary>
public sealed class Machine
{
    private readonly IOrbCtlClient _client;
    private readonly OrbFixturesOptions _options;
    private readonly MachineJournal _journal;
    private readonly MachineReadiness _readiness;
    private volatile MachineInfo _info;

    internal Machine(MachineSpec spec, MachineInfo info, MachineLog log, IOrbCtlClient client, OrbFixturesOptions options)
        : this(new MachineJournal(spec, info.Name, specHash: "", log, options.TimeProvider) { MachineId = info.Id }, info, client, options,
            new MachineReadiness(client, options.TimeProvider, options.PollInterval, WaitDefaults.From(options)))
    {
    }

    internal Machine(MachineJournal journal, MachineInfo info, IOrbCtlClient client, OrbFixturesOptions options, MachineReadiness readiness)
    {
        _journal = journal;
        _info = info;
        _client = client;
        _options = options;
        _readiness = readiness;
    }

    /// <summary>The spec this machine was provisioned from.</summary>
    public MachineSpec Spec => _journal.Spec;

    /// <summary>The name tests use (<see cref="MachineSpec.LogicalName"/>).</summary>
    public string LogicalName => Spec.LogicalName;

    /// <summary>The real OrbStack name, <c>&lt;prefix&gt;-&lt;session&gt;-&lt;logical&gt;</c>.</summary>
    public string Name => _info.Name;

    /// <summary>The machine's ULID.</summary>
    public string Id => _info.Id;

    /// <summary>What orbctl reported when the machine (last) became ready.</summary>
    public MachineInfo Info => _info;

    /// <summary>The machine's IPv4 address, when OrbStack reports it (OrbStack's subnet is configurable: never
    /// assume one).</summary>
    public string? IPv4 => _info.IPv4;

    /// <summary>The machine's IPv6 address, when OrbStack reports it.</summary>
    public string? IPv6 => _info.IPv6;

    /// <summary>The machine's DNS name, <c>&lt;name&gt;.orb.local</c>, which OrbStack resolves on the Mac and in other
    /// machines (isolated machines included).</summary>
    public string Hostname => MachineAddresses.Hostname(Name);

    /// <summary>The host (the Mac, where the tests run) as a guest reaches it: a server the test starts can be called
    /// back from inside a machine at this name. OrbStack resolves it in every machine, isolated ones included; a machine
    /// created with network isolation may still be refused by the host's firewall rules.</summary>
    public const string HostFromGuest = "host.orb.internal";

    /// <summary>A URI of a service in the machine, e.g. <c>GetUri("http", 8080, "/health")</c>. Its host is the machine's
    /// IPv4 address when OrbStack reports one (nothing to resolve), else <see cref="Hostname"/>.</summary>
    /// <param name="scheme">The scheme, e.g. <c>http</c>.</param>
    /// <param name="port">The port, from 1 to 65535; <see langword="null"/> for the scheme's default.</param>
    /// <param name="path">The path (and query), e.g. <c>/health?full=1</c>.</param>
    /// <exception cref="ArgumentException">The scheme is empty or the port is outside 1 to 65535.</exception>
    public Uri GetUri(string scheme = "http", int? port = null, string path = "/")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        ArgumentNullException.ThrowIfNull(path);
        if (port is { } p && p is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(port), port, $"Port {port} is invalid: a TCP port is from 1 to 65535.");
        var parts = path.Split('?', 2);
        return new UriBuilder(scheme, MachineAddresses.HostAddress(_info), port ?? -1)
        {
            Path = parts[0],
            Query = parts.Length == 2 ? parts[1] : "",
        }.Uri;
    }

    /// <summary>Everything that happened to this machine: its provisioning (every <c>orbctl</c> attempt and decision),
    /// the commands run in it, the tests that failed while using it, and its cleanup. Subscribe to
    /// <see cref="MachineLog.Appended"/> to follow it (e.g. to echo commands as they complete).</summary>
    public MachineLog Log => _journal.Log;

    internal MachineJournal Journal => _journal;

    /// <summary>Records that a test failed while using this machine: it goes into the machine's log and, under
    /// <see cref="CleanupPolicy.KeepOnFailure"/>, keeps the machine running after the run. Test adapters call this for
    /// exactly the machines a failed test used.</summary>
    /// <param name="testDisplayName">The failed test's display name.</param>
    public void RecordTestFailure(string testDisplayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testDisplayName);
        _journal.Record(at => new TestFailed(at, testDisplayName));
    }

    /// <summary>Describes the machine: logical and real name, image and address.</summary>
    public override string ToString() =>
        $"{LogicalName} ({Name}, {_info.Image.Distro} {_info.Image.Version} {_info.Image.Arch}{(IPv4 is null ? "" : $", {IPv4}")})";

    private const int OutputTailLength = 4000;

    /// <summary>Runs <paramref name="command"/> (program first) inside the machine as the default user.</summary>
    public Task<CommandResult> RunAsync(params string[] command) => RunAsync(command, options: null);

    /// <summary>Runs <paramref name="command"/> (program first) inside the machine. Each output stream is kept up to
    /// <see cref="RunOptions.MaxOutputBytes"/> (first and last half, a marker between; see
    /// <see cref="CommandResult.IsTruncated"/>); use the overload with targets for output of any size.</summary>
    /// <exception cref="ArgumentException">The command is empty or starts with '-' (nothing was run).</exception>
    /// <exception cref="MachineCommandException">It exited non-zero and <see cref="RunOptions.ThrowOnNonZeroExit"/> is set.</exception>
    /// <exception cref="OrbCtlException">orbctl itself failed (e.g. the command ran past its timeout).</exception>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> command, RunOptions? options, CancellationToken cancellationToken = default) =>
        RunCoreAsync(command, options, standardOutput: null, standardError: null, cancellationToken);

    /// <summary>Runs <paramref name="command"/> inside the machine and streams its output, every byte and without a
    /// cap, to CliWrap targets as it arrives (e.g. <c>PipeTarget.ToDelegate(line =&gt; ...)</c>,
    /// <c>PipeTarget.ToFile(path)</c>, <c>PipeTarget.Null</c>). The command is recorded like any other; the returned
    /// result carries the exit code, the duration and only the first and last 4 KiB of each stream.</summary>
    /// <exception cref="ArgumentException">The command is empty or starts with '-' (nothing was run).</exception>
    /// <exception cref="MachineCommandException">It exited non-zero and <see cref="RunOptions.ThrowOnNonZeroExit"/> is set.</exception>
    /// <exception cref="OrbCtlException">orbctl itself failed (e.g. the command ran past its timeout).</exception>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> command, PipeTarget standardOutput, PipeTarget standardError,
        RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(standardOutput);
        ArgumentNullException.ThrowIfNull(standardError);
        return RunCoreAsync(command, options, standardOutput, standardError, cancellationToken);
    }

    private async Task<CommandResult> RunCoreAsync(IReadOnlyList<string> command, RunOptions? options, PipeTarget? standardOutput,
        PipeTarget? standardError, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (ArgvRules.CommandProblem(command) is { } problem) throw new ArgumentException($"The command {problem}.", nameof(command));
        string[] argv = [.. command];
        // The spec's secrets and this call's, redacted where the command is recorded: here (recent commands, the
        // echo, the failure report) and, through the request, in the client's history and exceptions.
        string[] secrets = [.. Spec.Secrets, .. options?.Secrets ?? []];
        var redactor = new SecretRedactor(secrets);
        var shown = redactor.Argv(argv);
        var time = _options.TimeProvider;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var request = new RunCommandRequest(Name, argv, options?.User, options?.WorkingDirectory, options?.StandardInput, options?.Timeout)
        {
            MaxOutputBytes = options?.MaxOutputBytes,
            StandardOutputTarget = standardOutput,
            StandardErrorTarget = standardError,
            Secrets = secrets,
        };
        CommandResult result;
        try
        {
            result = await _client.RunAsync(request, log: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Also what is not orbctl's failure (a caller's target that threw, an I/O error): the command was run.
            Record(new CommandRan(time.GetUtcNow(), LogicalName, shown, options?.User, startedAt, time.GetElapsedTime(started), null, "",
                Tail(redactor.Text(e.Message))));
            throw;
        }
        var recorded = result with { StandardOutput = redactor.Text(result.StandardOutput), StandardError = redactor.Text(result.StandardError) };
        Record(new CommandRan(time.GetUtcNow(), LogicalName, shown, options?.User, startedAt, result.Duration, result.ExitCode,
            Tail(recorded.StandardOutput), Tail(recorded.StandardError)));
        if (options?.ThrowOnNonZeroExit == true && result.ExitCode != 0) throw new MachineCommandException(LogicalName, shown, recorded);
        return result;
    }

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c> inside the machine (a guest shell, never a host one).
    /// A secret inside the script is redacted when listed in <see cref="RunOptions.Secrets"/>.</summary>
    public Task<CommandResult> RunShellAsync(string script, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        return RunAsync(["sh", "-c", script], options, cancellationToken);
    }

    /// <summary>Copies a host file into the machine (destination relative to the user's home when not absolute).</summary>
    public Task PushAsync(string hostPath, string? guestPath = null, CancellationToken cancellationToken = default) =>
        PushAsync(hostPath, guestPath, [], cancellationToken);

    /// <summary>Copies a host file into the machine; each of <paramref name="secrets"/> (e.g. a token in a path) is
    /// replaced by <c>***</c> wherever the copy is recorded, as <see cref="RunOptions.Secrets"/> are.</summary>
    public Task PushAsync(string hostPath, string? guestPath, IReadOnlyList<string> secrets, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostPath);
        ArgumentNullException.ThrowIfNull(secrets);
        return _client.PushAsync(Name, hostPath, guestPath, [.. Spec.Secrets, .. secrets], Log, cancellationToken);
    }

    /// <summary>Copies a file out of the machine to <paramref name="hostPath"/>.</summary>
    public Task PullAsync(string guestPath, string hostPath, CancellationToken cancellationToken = default) =>
        PullAsync(guestPath, hostPath, [], cancellationToken);

    /// <summary>Copies a file out of the machine to <paramref name="hostPath"/>; <paramref name="secrets"/> as for
    /// <see cref="PushAsync(string, string?, IReadOnlyList{string}, CancellationToken)"/>.</summary>
    public Task PullAsync(string guestPath, string hostPath, IReadOnlyList<string> secrets, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guestPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostPath);
        ArgumentNullException.ThrowIfNull(secrets);
        return _client.PullAsync(Name, guestPath, hostPath, [.. Spec.Secrets, .. secrets], Log, cancellationToken);
    }

    private void Record(CommandRan command) => Log.Append(command);

    private static string Tail(string text) => text.Length <= OutputTailLength ? text : text[^OutputTailLength..];

    /// <summary>Starts the machine (idempotent).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _journal.Record(at => new TestRequested(at, Operation.Start));
        return _client.StartAsync(Name, Log, cancellationToken);
    }

    /// <summary>Stops the machine (idempotent).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        _journal.Record(at => new TestRequested(at, Operation.Stop));
        return _client.StopAsync(Name, Log, cancellationToken);
    }

    /// <summary>Restarts the machine and waits until it is ready again.</summary>
    /// <exception cref="MachineProvisioningException">It did not become ready again within the restart timeout.</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        _journal.Record(at => new TestRequested(at, Operation.Restart));
        await _client.RestartAsync(Name, Log, cancellationToken).ConfigureAwait(false);
        var budget = _options.Timeouts[Operation.Restart];
        var result = await _readiness.WaitAsync(_journal, budget, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == ReadinessOutcome.Ready)
        {
            _info = result.Info!;
            return;
        }
        throw new MachineProvisioningException(
            $"Machine '{LogicalName}' ({Name}) did not become ready again after a restart: " +
            (result.Outcome == ReadinessOutcome.Gone ? "it no longer exists." : EventText.NotReady(budget, result.Info?.RawState, result.GaveUp, result.LastLook) + "."),
            Spec, Name, Log, OrbCtlErrorKind.TimedOut);
    }

    /// <summary>
    /// Checks that the machine is still the one provisioned and usable: it exists under its name with the same ULID
    /// (<see cref="Id"/>) and is running. The check is a <see cref="HealthChecked"/> event in the <see cref="Log"/>.
    /// Test adapters call it before each machine test when <see cref="OrbFixturesOptions.VerifyBeforeEachTest"/> is on.
    /// </summary>
    /// <exception cref="MachineProvisioningException">The machine is gone, replaced by another one, or not running;
    /// the message ends with the machine's history.</exception>
    public async Task VerifyRunningAsync(CancellationToken cancellationToken = default)
    {
        var info = await _client.GetInfoAsync(Name, Log, cancellationToken).ConfigureAwait(false);
        var verdict = info is null ? HealthVerdict.Gone
            : !string.Equals(info.Id, Id, StringComparison.Ordinal) ? HealthVerdict.Replaced
            : info.State != MachineState.Running ? HealthVerdict.NotRunning
            : HealthVerdict.Running;
        HealthChecked check = null!;
        _journal.Record(at => check = new HealthChecked(at, verdict, info?.Id, info?.RawState));
        if (verdict == HealthVerdict.Running) return;
        throw new MachineProvisioningException(
            $"Machine '{LogicalName}' ({Name}, {Id}) is no longer usable: {EventText.Describe(check)}.",
            Spec, Name, Log, verdict == HealthVerdict.NotRunning ? null : OrbCtlErrorKind.NotFound);
    }

    /// <summary>Asks orbctl for the machine's current state.</summary>
    /// <exception cref="InvalidOperationException">The machine no longer exists.</exception>
    public async Task<MachineInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        await _client.GetInfoAsync(Name, Log, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Machine '{LogicalName}' ({Name}) no longer exists.");
}
