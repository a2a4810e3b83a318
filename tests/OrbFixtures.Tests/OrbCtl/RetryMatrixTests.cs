using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>Which classifications each operation retries: one failure of each kind, then success, with two
/// attempts allowed. A retried failure costs two processes; any other costs one.</summary>
public sealed class RetryMatrixTests
{
    // The specification (issue 3): transient and daemon failures everywhere but create and run; a timeout or
    // garbled output only where repeating cannot do harm.
    private static readonly Operation[] s_neverRetried = [Operation.Create, Operation.Run];
    private static readonly Operation[] s_repeatable =
        [Operation.Status, Operation.Version, Operation.List, Operation.Info, Operation.Logs, Operation.Start, Operation.Stop, Operation.Delete,
        Operation.Config];

    public static TheoryData<Operation, OrbCtlErrorKind> Cases()
    {
        var data = new TheoryData<Operation, OrbCtlErrorKind>();
        foreach (var op in Enum.GetValues<Operation>())
            foreach (var kind in Enum.GetValues<OrbCtlErrorKind>())
                // run and logs pass any output through and config set accepts any, so orbctl cannot produce malformed
                // output for them.
                if (!(kind == OrbCtlErrorKind.MalformedOutput && op is Operation.Run or Operation.Logs or Operation.Config))
                    data.Add(op, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_failure_is_retried_only_when_it_is_transient_for_the_operation(Operation operation, OrbCtlErrorKind kind)
    {
        var clock = new ObservedClock();
        var runner = new FakeOrbCtlProcessRunner(clock);
        Script(runner, kind, operation);
        runner.ThenSucceed(OperationCalls.SuccessOutput(operation));
        var options = new OrbCtlClientOptions
        {
            Retry = TestClients.PlainRetry with { MaxAttempts = 2 },
            Timeouts = Enum.GetValues<Operation>().Aggregate(OperationTimeouts.Default, (t, op) => t.With(op, TimeSpan.FromSeconds(1))),
        };
        var history = new MachineLog("matrix");
        var call = OperationCalls.Call(TestClients.Create(runner, clock, options), operation, history);

        await clock.DriveAsync(call.ContinueWith(_ => { }, TaskScheduler.Default));

        var expectRetry = kind switch
        {
            OrbCtlErrorKind.Transient or OrbCtlErrorKind.DaemonNotRunning => !s_neverRetried.Contains(operation),
            OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.MalformedOutput => s_repeatable.Contains(operation),
            _ => false,
        };
        Assert.Equal(expectRetry ? 2 : 1, runner.Invocations.Count);
        Assert.Equal(kind, history.OfType<AttemptFinished>()[0].Error);
        Assert.Equal(runner.Invocations.Count, history.OfType<AttemptFinished>().Count);
        if (expectRetry)
        {
            await call;
            Assert.Equal(AttemptDecision.Retry, history.OfType<AttemptFinished>()[0].Decision);
        }
        else if (!(kind == OrbCtlErrorKind.NotFound && operation is Operation.Info or Operation.Delete))
        {
            var error = await Assert.ThrowsAsync<OrbCtlException>(() => call);
            Assert.Equal(kind, error.Kind);
            // A create with an unknown outcome is not given up on: the provisioner reconciles it from info. A transient
            // create failure used the create's one attempt (the request allows one); any other retryable kind was not
            // retried for this operation; everything else is permanent.
            var expected = (operation, kind) switch
            {
                (Operation.Create, OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.AlreadyExists or OrbCtlErrorKind.MalformedOutput) => AttemptDecision.Reconcile,
                (Operation.Create, OrbCtlErrorKind.Transient or OrbCtlErrorKind.DaemonNotRunning) => AttemptDecision.GaveUpAttemptsExhausted,
                (_, OrbCtlErrorKind.Transient or OrbCtlErrorKind.DaemonNotRunning or OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.MalformedOutput) =>
                    AttemptDecision.GaveUpNotRetried,
                _ => AttemptDecision.GaveUpPermanent,
            };
            Assert.Equal(expected, history.OfType<AttemptFinished>()[0].Decision);
        }
    }

    [Theory]
    [InlineData(1, 2, AttemptDecision.Retry)]
    [InlineData(2, 2, AttemptDecision.GaveUpAttemptsExhausted)]
    public async Task A_transient_create_failure_is_retried_by_the_provisioner_while_its_create_attempts_last(int attempt, int maxAttempts,
        AttemptDecision expected)
    {
        var clock = new ObservedClock();
        var runner = new FakeOrbCtlProcessRunner(clock);
        Script(runner, OrbCtlErrorKind.Transient, Operation.Create);
        var history = new MachineLog("create");
        var client = TestClients.Create(runner, clock, new OrbCtlClientOptions { Retry = TestClients.PlainRetry with { MaxAttempts = 4 } });

        var error = await Assert.ThrowsAsync<OrbCtlException>(() =>
            client.CreateAsync(new CreateMachineRequest("of-test-db", "ubuntu") { Attempt = attempt, MaxAttempts = maxAttempts }, history));

        Assert.Equal(OrbCtlErrorKind.Transient, error.Kind);
        var finished = Assert.Single(history.OfType<AttemptFinished>()); // the client itself never repeats a create
        Assert.Equal((attempt, expected), (finished.Attempt, finished.Decision));
    }

    private static void Script(FakeOrbCtlProcessRunner runner, OrbCtlErrorKind kind, Operation operation)
    {
        _ = kind switch
        {
            OrbCtlErrorKind.Transient => runner.ThenFail("[-32098] create 'of-test-db': make rootfs: fetch index: get index: dial tcp 45.45.148.8:443: connect: connection refused"),
            OrbCtlErrorKind.DaemonNotRunning => runner.ThenFail("start VM: timed out waiting for VM to start"),
            OrbCtlErrorKind.TimedOut => runner.ThenHang(),
            OrbCtlErrorKind.MalformedOutput => runner.ThenSucceed(operation == Operation.Status ? "Runnin" : "{\"record\": [oops"),
            OrbCtlErrorKind.NotFound => runner.ThenFail("[-32098] machine not found: 'of-test-db'"),
            OrbCtlErrorKind.AlreadyExists => runner.ThenFail("[-32098] machine already exists: 'of-test-db'"),
            OrbCtlErrorKind.InvalidArgument => runner.ThenFail("[-32098] invalid machine name 'of-test-db'"),
            OrbCtlErrorKind.ImageNotFound => runner.ThenFail("[-32098] create 'of-test-db': cloud-init not supported for 'archlinux'"),
            _ => runner.ThenFail("[-32098] delete rootfs: remove all x2: unlinkat /rootfs/swapfile: operation not permitted"),
        };
    }
}
