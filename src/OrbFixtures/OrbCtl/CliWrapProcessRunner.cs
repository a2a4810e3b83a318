using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using CliWrap;

namespace OrbFixtures.OrbCtl;

/// <summary>Runs <c>orbctl</c> through CliWrap: argv list (no shell), each output stream captured up to a cap (head and
/// tail) or streamed to the caller's targets, non-zero exits returned rather than thrown, and cancellation forceful
/// (the process tree is killed, and on Linux every process carrying the run's <see cref="ProcessTag"/>).</summary>
internal sealed class CliWrapProcessRunner : IOrbCtlProcessRunner
{
    /// <summary>How long output is still read after <c>orbctl</c> itself exited: long enough to drain what it wrote,
    /// short enough that a descendant holding the pipe open does not turn a finished command into a timeout.</summary>
    public static readonly TimeSpan ExitGrace = TimeSpan.FromMilliseconds(200);

    private readonly TimeProvider _time;

    public CliWrapProcessRunner(TimeProvider time) => _time = time;

    public static CliWrapProcessRunner Instance { get; } = new(TimeProvider.System);

    public async Task<OrbCtlProcessResult> RunAsync(OrbCtlProcessRequest request, CancellationToken cancellationToken)
    {
        var tag = ProcessTag.New();
        var output = request.Output;
        var stdout = new OutputCapture(output.StandardOutputKept);
        var stderr = new OutputCapture(output.StandardErrorKept);
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopReading = StopAfterGrace(exited.Task);
        var command = Cli.Wrap(request.Executable)
            .WithArguments(request.Arguments)
            .WithEnvironmentVariables(env =>
            {
                foreach (var (name, value) in request.EnvironmentVariables) env.Set(name, value);
                env.Set(ProcessTag.VariableName, tag);
            })
            // A closed stdin also keeps `delete` from ever prompting for confirmation.
            .WithStandardInputPipe(request.StandardInput is null
                ? PipeSource.Null
                : PipeSource.FromString(request.StandardInput, Encoding.UTF8))
            .WithStandardOutputPipe(new UntilExitPipeTarget(Route(output.StandardOutput, stdout), stopReading))
            .WithStandardErrorPipe(new UntilExitPipeTarget(Route(output.StandardError, stderr), stopReading))
            .WithValidation(CommandResultValidation.None);

        // Cancelling kills orbctl itself at once, on the cancelling thread: one signal. The sweeps that find its
        // descendants (CliWrap's tree kill stops the process and reads every process of the system; the tag sweep reads
        // their environments) run on the thread pool: a run's cancellation runs the callbacks of all its attempts one
        // after another, so sweeps done inline delayed the kill of the last hung orbctl by seconds on a busy host.
        using var sweep = new CancellationTokenSource();
        var started = new StartedProcess();
        await using var onCancel = cancellationToken.Register(static state =>
        {
            var (process, sweep, tag) = ((StartedProcess, CancellationTokenSource, string))state!;
            process.Kill();
            _ = Task.Run(() =>
            {
                ProcessTag.KillAll(tag); // an orphan holding the pipe would otherwise keep running after the timeout
                try
                {
                    sweep.Cancel(); // CliWrap's tree kill, and its end of the wait
                }
                catch (ObjectDisposedException)
                {
                    // The attempt already ended (orbctl died of the kill above): nothing is left for CliWrap to kill.
                }
            }, CancellationToken.None);
        }, (started, sweep, tag)).ConfigureAwait(false);
        CommandTask<CliWrap.CommandResult> running;
        try
        {
            // Only a forceful token: orbctl does not act on SIGINT in a useful way, and with a graceful token CliWrap
            // sends an interrupt and waits for the process to end, which a hung orbctl never does.
            running = command.ExecuteAsync(null, process =>
            {
                started.Set(process);
                WatchExit(process, exited);
            }, sweep.Token, CancellationToken.None);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            // CliWrap starts the process synchronously and reports a failed start (missing file, not executable, no
            // permission, fork failure) this way; nothing else is a start failure.
            throw new OrbCtlStartException(request.Executable, e);
        }

        CliWrap.CommandResult? result = null;
        try
        {
            result = await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        if (cancellationToken.IsCancellationRequested && (result is null || started.Killed))
        {
            // Again after the tree is gone: a descendant may have forked while the first sweep ran.
            ProcessTag.KillAll(tag);
            throw new OperationCanceledException(cancellationToken);
        }
        var outText = stdout.ToText("stdout");
        var errText = stderr.ToText("stderr");
        return new OrbCtlProcessResult(result!.ExitCode, outText.Text, errText.Text)
        {
            StandardOutputDroppedBytes = outText.DroppedBytes,
            StandardErrorDroppedBytes = errText.DroppedBytes,
        };
    }

    /// <summary>The capture alone, or the caller's target and a small capture side by side (the capture keeps the
    /// excerpt the result, the record and orbctl's error classification need).</summary>
    private static PipeTarget Route(PipeTarget? callerTarget, OutputCapture capture) =>
        callerTarget is null ? capture : PipeTarget.Merge(callerTarget, capture);

    private Task StopAfterGrace(Task exited) => exited.ContinueWith(
        _ => Task.Delay(ExitGrace, _time), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();

    private static void WatchExit(Process process, TaskCompletionSource exited) =>
        // Registered while CliWrap still owns a live Process; completes when orbctl itself exits, whoever holds its pipes.
        _ = process.WaitForExitAsync().ContinueWith(_ => exited.TrySetResult(), TaskScheduler.Default);

    /// <summary>The orbctl process once CliWrap started it, for the cancellation's immediate kill (which may come first).</summary>
    private sealed class StartedProcess
    {
        private readonly object _gate = new();
        private Process? _process;
        private bool _cancelled;

        /// <summary>Whether the cancellation killed the process (its exit is then the kill, not orbctl's answer).</summary>
        public bool Killed { get; private set; }

        public void Set(Process process)
        {
            lock (_gate)
            {
                _process = process;
                if (_cancelled) KillLocked();
            }
        }

        public void Kill()
        {
            lock (_gate)
            {
                _cancelled = true;
                if (_process is not null) KillLocked();
            }
        }

        private void KillLocked()
        {
            try
            {
                _process!.Kill(entireProcessTree: false); // SIGKILL to orbctl alone: no scan of the system's processes
                Killed = true;
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // Already exited (and possibly disposed by CliWrap): nothing to kill.
            }
        }
    }
}
