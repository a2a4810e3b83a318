using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>Every error text real orbctl prints, verbatim (the list the simulator follows, in src/OrbFixtures.Simulator/README.md), lands in the right kind, and the text
/// itself survives into the exception.</summary>
public sealed class ErrorClassificationTests
{
    public static TheoryData<string, OrbCtlErrorKind> Texts => new()
    {
        { "[-32098] machine not found: 'of-x'", OrbCtlErrorKind.NotFound },
        { "[-32098] no machines found", OrbCtlErrorKind.NotFound },
        { "[-32098] create 'of-x': machine already exists: 'of-x'", OrbCtlErrorKind.AlreadyExists },
        { "[-32098] machine already exists: 'of-new'", OrbCtlErrorKind.AlreadyExists },
        { "[-32098] machine '\"of-new\"' already exists", OrbCtlErrorKind.AlreadyExists },
        { "[-32098] create 'of-x': restore: duplicate in database: machine '\"of-x\"' already exists", OrbCtlErrorKind.AlreadyExists },
        { "Error: machine already exists: 'of-x'", OrbCtlErrorKind.AlreadyExists },
        { "[-32098] create 'of_x': invalid machine name 'of_x'", OrbCtlErrorKind.InvalidArgument },
        { "[-32098] invalid machine name 'of_x'", OrbCtlErrorKind.InvalidArgument },
        { "Error: invalid distro: ubunto\nUsage:\n  orbctl create [flags] DISTRO[:VERSION] [MACHINE_NAME]\n", OrbCtlErrorKind.InvalidArgument },
        { "Error: invalid architecture: sparc\nUsage:\n  orbctl create [flags] DISTRO[:VERSION] [MACHINE_NAME]\n", OrbCtlErrorKind.InvalidArgument },
        { "Error: accepts between 1 and 2 arg(s), received 3\nUsage:\n", OrbCtlErrorKind.InvalidArgument },
        { "Error: no machines specified\nUsage:\n", OrbCtlErrorKind.InvalidArgument },
        { "Error: invalid format: yaml\nUsage:\n", OrbCtlErrorKind.InvalidArgument },
        { "Error: unknown flag --\nUsage:\n  orb run [flags] -- [COMMAND] [ARGS]...\n", OrbCtlErrorKind.InvalidArgument },
        { "Error: missing value for flag -m\nUsage:\n", OrbCtlErrorKind.InvalidArgument },
        { "Error: required flag(s) \"foo\" not set\nUsage:\n", OrbCtlErrorKind.InvalidArgument },
        { "cannot delete builtin machine", OrbCtlErrorKind.InvalidArgument },
        { "cannot rename builtin machine", OrbCtlErrorKind.InvalidArgument },
        { "cannot clone builtin machine", OrbCtlErrorKind.InvalidArgument },
        { "cannot enter builtin machine: docker", OrbCtlErrorKind.InvalidArgument },
        { "[-32098] create 'of-x': make rootfs: image not found: {ubuntu focal arm64 default}", OrbCtlErrorKind.ImageNotFound },
        { "[-32098] create 'of-x': cloud-init not supported for 'archlinux'", OrbCtlErrorKind.ImageNotFound },
        { "[-32098] create 'ubuntu': make rootfs: fetch index: get index: Get \"https://images.linuxcontainers.org/streams/v1/images.json\": dial tcp 45.45.148.8:443: connect: connection refused", OrbCtlErrorKind.Transient },
        { "[-32098] create 'opensuse156': setup: machine didn't start in 30s (missing IP address)", OrbCtlErrorKind.Transient },
        { "[-32098] create 'debian': setup: do initial setup: canceled by machine shutdown", OrbCtlErrorKind.Transient },
        { "[-32098] stop 'of-x': setup: do initial setup: canceled by machine shutdown", OrbCtlErrorKind.Transient },
        { "[-32098] create 'of-x': setup: machine crashed on startup", OrbCtlErrorKind.Transient },
        { "[-32098] create 'of-x': machine manager is stopping", OrbCtlErrorKind.Transient },
        { "[-32098] cannot transition from creating to starting", OrbCtlErrorKind.Transient },
        { "[-32098] invalid transition from creating to deleting", OrbCtlErrorKind.Transient },
        { "Failed to create machine: create 'centos': make rootfs: unexpected EOF", OrbCtlErrorKind.Transient },
        { "stop 'of-x': timeout", OrbCtlErrorKind.Transient },
        { "start VM: timed out waiting for VM to start", OrbCtlErrorKind.DaemonNotRunning },
        { "timed out waiting for services to start", OrbCtlErrorKind.DaemonNotRunning },
        { "panic: timed out waiting for services to start [recovered]\n\tpanic: timed out waiting for services to start\n\ngoroutine 1 [running]:\nmain.main()\n", OrbCtlErrorKind.DaemonNotRunning },
        { "OrbStack is not running", OrbCtlErrorKind.DaemonNotRunning },
        { "VM exited unexpectedly; logs:\nvmgr: boot failed\n", OrbCtlErrorKind.DaemonNotRunning },
        { "spawn daemon: start vmgr: exit status 1", OrbCtlErrorKind.DaemonNotRunning },
        { "[-32098] delete rootfs: remove all x2: unlinkat /rootfs/swapfile: operation not permitted", OrbCtlErrorKind.Unknown },
        { "This beta build has expired. Please update to the latest version to continue using OrbStack: https://orbstack.dev/download", OrbCtlErrorKind.Unknown },
        { "panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV]\n", OrbCtlErrorKind.Unknown },
        { "", OrbCtlErrorKind.Unknown },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Each_orbctl_error_text_is_classified(string stderr, OrbCtlErrorKind expected) =>
        Assert.Equal(expected, ErrorClassifier.Classify(stderr));

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task The_exception_keeps_orbctl_text_and_its_classification(string stderr, OrbCtlErrorKind expected)
    {
        var clock = new ObservedClock();
        var runner = new FakeOrbCtlProcessRunner(clock).ThenFail(stderr, exitCode: stderr.StartsWith("panic", StringComparison.Ordinal) ? 2 : 1);
        var client = TestClients.Create(runner, clock, new OrbCtlClientOptions { Retry = new OrbCtlRetryOptions { MaxAttempts = 1 } });

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => client.CreateAsync(new CreateMachineRequest("of-x", "ubuntu")));

        Assert.Equal(expected, error.Kind);
        Assert.Equal(stderr.Trim(), error.StandardError);
        var firstLine = stderr.Trim().Split('\n')[0];
        Assert.Contains(firstLine, error.Message, StringComparison.Ordinal);
        Assert.Equal(["orbctl", "create", "ubuntu", "of-x"], error.Arguments);
    }

    [Fact]
    public void Errors_on_stdout_are_classified_when_stderr_is_empty() =>
        Assert.Equal(OrbCtlErrorKind.NotFound, ErrorClassifier.Classify("", "[-32098] machine not found: 'of-x'"));

    [Fact]
    public void Nothing_on_either_stream_is_an_unknown_error() =>
        Assert.Equal(OrbCtlErrorKind.Unknown, ErrorClassifier.Classify(null, null));

    [Fact]
    public void A_cobra_rejection_is_an_argument_problem_even_after_leading_blank_lines() =>
        Assert.Equal(OrbCtlErrorKind.InvalidArgument, ErrorClassifier.Classify("\n  Error: required flag(s) \"foo\" not set\nUsage:\n"));

    [Theory]
    [InlineData("[-32098] create 'of-x': make rootfs: image not found: {ubuntu focal arm64 default}", true)]
    [InlineData("Error: invalid distro: ubunto\nUsage:\n", true)]
    [InlineData("[-32098] create 'of-x': cloud-init not supported for 'archlinux'", true)]
    [InlineData("[-32098] create 'of_x': invalid machine name 'of_x'", false)]
    [InlineData(null, false)]
    public void Only_a_missing_image_or_distro_counts_as_a_rejected_image(string? stderr, bool rejects) =>
        Assert.Equal(rejects, ErrorClassifier.RejectsImage(stderr));

    [Fact]
    public void A_machine_name_alone_never_looks_like_an_error_phrase() =>
        Assert.Equal(OrbCtlErrorKind.NotFound, ErrorClassifier.Classify("[-32098] machine not found: 'dial-tcp.connection-refused'"));

    [Theory]
    [InlineData("[-32098] machine not found: 'of-x'", true)]
    [InlineData("timed out waiting for services to start", true)]
    [InlineData("panic: timed out waiting for services to start [recovered]\ngoroutine 1", true)]
    [InlineData("Error: unknown flag --\nUsage:\n  orb run [flags]", true)]
    [InlineData("cannot enter builtin machine: docker", true)]
    [InlineData("Error: could not connect to database", false)]
    [InlineData("sh: 1: nope: not found", false)]
    [InlineData("timed out waiting for services to start\nand then the guest printed more", false)]
    [InlineData("  [-32098] machine not found: 'of-x'\n", true)]
    [InlineData("Error: missing value for flag -m\nUsage:\n  orb run [flags]", true)]
    [InlineData("start VM: timed out waiting for VM to start", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_orbctl_own_failures_of_run_count_as_errors_not_the_guest_stderr(string? stderr, bool isOrbCtl) =>
        Assert.Equal(isOrbCtl, ErrorClassifier.IsOrbCtlOwnRunError(stderr));
}
