using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>
/// The fault matrix: every operation of the provisioning lifecycle × every fault the simulator injects, plus the daemon
/// states. Each row's cells share one simulated world (each cell's fault targets only its own machine); all rows run at
/// once. Afterwards each world's simulator state must hold no machine but the foreign one (same ULID, same state, never
/// targeted), no orbctl process of the world may be alive, and no ledger record may be left.
/// <para>Specified outcomes (transient → retried; permanent → one attempt, a typed error quoting
/// orbctl; a hung or garbled query or idempotent transition → timed out / MalformedOutput and retried; create is never
/// repeated blindly: a create whose outcome is unknown is reconciled from <c>info</c>). "Calls" is the number of
/// invocations of the operation on the machine, where the behaviour fixes it. "Recorded as" is the faulted attempt's
/// <c>AttemptFinished</c> event (outcome/error, and where given the decision after it: permanent failures
/// GaveUpPermanent, retried hangs Retry). A ready cell's machine became ready via Created (stop+adopt: Created, then
/// Adopted) unless the row says otherwise.</para>
/// <code>
/// op      fault              lifecycle        outcome                                                        recorded as           calls
/// create  hang-after-create  provision        ready (Watchdog): adopted within a poll interval, create killed Cancelled -> KilledByWatchdog 1
/// create  hang               provision        ready: create timed out, reconciled (absent), created again   TimedOut -> Reconcile 2
/// create  fail transient ×2  provision        ready: retried with backoff                                    Failed/Transient -> Retry 3
/// create  fail permanent     provision        MachineProvisioningException(ImageNotFound) quoting orbctl    Failed/ImageNotFound  1
/// create  delay 300 ms       provision        ready                                                          -                     1
/// create  garbage            provision        ready: unknown outcome reconciled (absent), created again     Failed/MalformedOutput -> Reconcile 2
/// start   hang               stop+adopt       ready: timed out, retried (idempotent)                         TimedOut              2
/// start   fail transient ×2  stop+adopt       ready: retried                                                 Failed/Transient      3
/// start   fail permanent     stop+adopt       MachineProvisioningException(Unknown) at once, quoting orbctl  Failed/Unknown        1
/// start   delay 300 ms       stop+adopt       ready                                                          -                     1
/// start   garbage            stop+adopt       ready: MalformedOutput retried (idempotent)                    Failed/MalformedOutput 2
/// info    hang               provision        ready: the lookup timed out and was retried                    TimedOut              -
/// info    fail transient ×2  provision        ready: retried                                                 Failed/Transient      -
/// info    fail permanent     provision        MachineProvisioningException(Unknown) quoting orbctl, no create Failed/Unknown       1
/// info    delay 300 ms       provision        ready                                                          -                     -
/// info    garbage            provision        ready: MalformedOutput retried                                 Failed/MalformedOutput -
/// run     hang               provision        ready: the hung probe timed out, the next probe passes         TimedOut              -
/// run     fail transient ×2  provision        ready: a failing probe means "not ready yet"                   Failed/Transient      -
/// run     fail permanent     provision        MachineProvisioningException(TimedOut) after the readiness     Failed/Unknown        -
///                                             budget (a probe is never classified); the machine is deleted
/// run     delay 300 ms       provision        ready                                                          -                     -
/// run     garbage            provision        ready: exit 0 passes; the guest's stdout is not parsed         Succeeded             -
/// stop    hang               stop+adopt       ready; teardown timed out, retried                             TimedOut              2
/// stop    fail transient ×2  stop+adopt       ready; retried                                                 Failed/Transient      3
/// stop    fail permanent     stop+adopt       teardown AggregateException(OrbCtlException Unknown, 1 attempt) Failed/Unknown       1
///                                             quoting orbctl; the record stays; the next ensure adopts + deletes it
/// stop    delay 300 ms       stop+adopt       ready                                                          -                     1
/// stop    garbage            stop+adopt       ready: MalformedOutput retried                                 Failed/MalformedOutput 2
/// delete  hang               provision        ready; delete timed out, retried                               TimedOut              2
/// delete  fail transient ×2  provision        ready; retried                                                 Failed/Transient      3
/// delete  fail permanent     provision        teardown AggregateException(OrbCtlException Unknown, 1 attempt) Failed/Unknown       2
///                                             quoting orbctl; the record stays; the next run's reaper deletes it (the 2nd call)
/// delete  delay 300 ms       provision        ready                                                          -                     1
/// delete  garbage            provision        ready: MalformedOutput retried                                 Failed/MalformedOutput 2
/// daemon  Stopped            provision        ready: the first machine command starts OrbStack (autostart)   -                     -
/// daemon  Starting→Running   provision        ready: DaemonNotRunning retried until it runs (after 2 calls)  Failed/DaemonNotRunning -
/// daemon  Starting forever   provision        MachineProvisioningException(DaemonNotRunning) after           Failed/DaemonNotRunning -
///                                             MaxAttempts lookups, quoting orbctl; nothing created
/// </code>
/// Lifecycles: "provision" = ensure, then release (delete); "stop+adopt" = ensure and release with CleanupPolicy.Stop,
/// then a second provisioner of the same session ensures the same machine (adopting it stopped: start) and releases it.
/// The run row runs without the create watchdog, so every probe is the readiness wait's own (the create row covers the
/// watchdog).
/// </summary>
[Collection(ReliabilitySuite.Name)]
public sealed class FaultMatrixTests(ReliabilityTally tally, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_fault_of_every_operation_ends_as_specified_and_leaves_nothing_behind()
    {
        var rows = FaultMatrixCells.Operations
            .Select(op => FaultMatrixCells.Row(op))
            .Select(cells => (new SimScenario { Faults = [.. cells.Select(c => c.Fault!)] }, cells))
            .ToList();

        await RunAndAssertAsync(rows);
    }

    [Fact]
    public async Task Every_daemon_state_ends_as_specified_and_leaves_nothing_behind()
    {
        var states = FaultMatrixCells.Daemon
            .Select(cell => (new SimScenario { Daemon = cell.Daemon }, (IReadOnlyList<MatrixCell>)[cell]))
            .ToList();

        await RunAndAssertAsync(states);
    }

    private async Task RunAndAssertAsync(IReadOnlyList<(SimScenario, IReadOnlyList<MatrixCell>)> groups)
    {
        var (deviations, checks) = await new MatrixRunner(tally, output).RunAsync(groups);

        Assert.True(deviations.Count == 0, "Cells not as specified:\n" + string.Join("\n", deviations));
        Assert.All(checks, check => Assert.True(check.Clean, check.Describe()));
    }
}
