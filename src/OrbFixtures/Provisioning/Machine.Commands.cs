using PipeTarget = CliWrap.PipeTarget;
using OrbFixtures.OrbCtl;

namespace OrbFixtures;

public sealed partial class Machine
{
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
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
            throw new ArgumentException("A command needs a program name first, e.g. RunAsync(\"uname\", \"-a\").", nameof(command));
        if (command[0].StartsWith('-'))
            throw new ArgumentException($"A command must start with a program name, not '{command[0]}'.", nameof(command));
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
            result = await _client.RunAsync(request, history: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Also what is not orbctl's failure (a caller's target that threw, an I/O error): the command was run.
            Record(new CommandRecord(LogicalName, shown, options?.User, startedAt, time.GetElapsedTime(started), null, "",
                Tail(redactor.Text(e.Message))));
            throw;
        }
        var recorded = result with { StandardOutput = redactor.Text(result.StandardOutput), StandardError = redactor.Text(result.StandardError) };
        Record(new CommandRecord(LogicalName, shown, options?.User, startedAt, result.Duration, result.ExitCode,
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
        return _client.PushAsync(Name, hostPath, guestPath, [.. Spec.Secrets, .. secrets], History, cancellationToken);
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
        return _client.PullAsync(Name, guestPath, hostPath, [.. Spec.Secrets, .. secrets], History, cancellationToken);
    }

    private void Record(CommandRecord record)
    {
        lock (_gate)
        {
            _commands.Enqueue(record);
            while (_commands.Count > Math.Max(0, _options.CommandHistorySize)) _commands.Dequeue();
        }
        CommandCompleted?.Invoke(this, record);
    }

    private static string Tail(string text) => text.Length <= OutputTailLength ? text : text[^OutputTailLength..];
}
