using System.Net;
using OrbFixtures.Diagnostics;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>
/// Every wait strategy on the simulator: it passes at once, passes after several looks, or gives up with what it last
/// saw in the machine's log and in the failure. Guest-side strategies meet the simulator's scripted <c>run</c> answers
/// (a unit active from the third look, a log line after some time of the machine running, cloud-init running then
/// done); host-side ones meet a real listener on loopback, reached through a scenario that pins the machine's ip4 to
/// 127.0.0.1. The watchdog is off, so that every look is one of the readiness wait's and the counts are exact.
/// </summary>
public sealed class WaitStrategyTests
{
    private static readonly OrbFixturesOptions s_tuning = SimulatedTuning.Options with
    {
        Watchdog = false,
        WaitPollInterval = TimeSpan.FromMilliseconds(30),
    };

    private static readonly MachineSpec s_web = MachineSpec.Create("web", "ubuntu");

    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(400);

    private const string ProcNetTcp = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    private static string Listening(params int[] ports) => ProcNetTcp + string.Concat(ports.Select((p, i) =>
        FormattableString.Invariant($"   {i}: 00000000:{p:X4} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1{i} 1 0 100 0 0 10 0\n")));

    private static SimScenario Scenario(params SimRunAnswer[] answers) => new()
    {
        Run = answers,
        Addresses = [new SimAddress("*", "127.0.0.1", "::1")],
    };

    private static async Task<Machine> EnsureAsync(SimScenario scenario, params WaitStrategy[] strategies)
    {
        await using var world = new SimulatedWorld(scenario.ToJson(), s_tuning);
        await using var provisioner = world.Provisioner();
        return await provisioner.EnsureAsync(s_web.WithWaitFor(strategies));
    }

    private static async Task<MachineProvisioningException> FailAsync(SimScenario scenario, params WaitStrategy[] strategies)
    {
        await using var world = new SimulatedWorld(scenario.ToJson(), s_tuning);
        await using var provisioner = world.Provisioner();
        var failure = await Assert.ThrowsAsync<MachineProvisioningException>(() => provisioner.EnsureAsync(s_web.WithWaitFor(strategies)));
        await provisioner.DisposeAsync();
        Assert.Equal("", await world.LeaksAsync());
        return failure;
    }

    private static WaitFinding[] Findings(MachineLog log, WaitStrategyKind kind) =>
        [.. log.Events.OfType<WaitPolled>().Where(l => l.Strategy == kind).Select(l => l.Finding)];

    /// <summary>The strategy that gave up, its last look, and that the failure message quotes what that look saw.</summary>
    private static (WaitGaveUp GaveUp, WaitPolled Last) GaveUp(MachineProvisioningException failure)
    {
        var gaveUp = Assert.Single(failure.Log.Events.OfType<WaitGaveUp>());
        var last = failure.Log.Events.OfType<WaitPolled>().Last();
        Assert.Equal((gaveUp.Strategy, gaveUp.Polls), (last.Strategy, last.Poll));
        Assert.Contains(EventText.Describe(last), failure.Message, StringComparison.Ordinal);
        return (gaveUp, last);
    }

    [Fact]
    public async Task A_command_passes_once_it_exits_0_after_several_looks()
    {
        var machine = await EnsureAsync(Scenario(
                new SimRunAnswer(["app-ready"], ExitCode: 0) { AfterCalls = 2 },
                new SimRunAnswer(["app-ready"], ExitCode: 1) { Stderr = "not yet\n" }),
            WaitFor.Command("app-ready"));

        Assert.Equal([WaitFinding.ExitedNonZero, WaitFinding.ExitedNonZero, WaitFinding.Passed],
            machine.Log.Events.OfType<WaitPolled>().Where(l => l.Target == "app-ready").Select(l => l.Finding));
        Assert.Equal("not yet", machine.Log.Events.OfType<WaitPolled>().First(l => l.Target == "app-ready").Output);
    }

    [Fact]
    public async Task A_command_that_never_exits_0_gives_up_at_its_timeout_with_its_exit_code_and_output()
    {
        var failure = await FailAsync(Scenario(new SimRunAnswer(["app-ready"], "", 3) { Stderr = "database is locked\n" }),
            WaitFor.Command("app-ready").WithTimeout(s_short));

        var (gaveUp, last) = GaveUp(failure);
        Assert.Equal((WaitStrategyKind.Command, WaitGiveUpReason.TimedOut, s_short), (gaveUp.Strategy, gaveUp.Reason, gaveUp.Limit));
        Assert.True(gaveUp.Elapsed >= s_short, $"gave up after {gaveUp.Elapsed}");
        Assert.Equal((WaitFinding.ExitedNonZero, 3, "database is locked"), (last.Finding, last.ExitCode, last.Output));
    }

    [Fact]
    public async Task Cloud_init_passes_once_its_status_is_done()
    {
        var machine = await EnsureAsync(Scenario(
                new SimRunAnswer(["cloud-init", "status"], "status: done\n") { AfterCalls = 2 },
                new SimRunAnswer(["cloud-init", "status"], "status: running\n")),
            WaitFor.CloudInit());

        Assert.Equal([WaitFinding.CloudInitRunning, WaitFinding.CloudInitRunning, WaitFinding.Passed], Findings(machine.Log, WaitStrategyKind.CloudInit));
    }

    [Fact]
    public async Task Cloud_init_passes_at_once_on_the_simulators_own_answer()
    {
        var machine = await EnsureAsync(Scenario(), WaitFor.CloudInit());

        Assert.Equal([WaitFinding.Passed], Findings(machine.Log, WaitStrategyKind.CloudInit));
    }

    [Fact]
    public async Task Cloud_init_on_an_image_without_it_gives_up_at_the_first_look()
    {
        var failure = await FailAsync(Scenario(new SimRunAnswer(["cloud-init", "status"], "", 127) { Stderr = "sh: 1: cloud-init: not found\n" }),
            WaitFor.CloudInit());

        var (gaveUp, last) = GaveUp(failure);
        Assert.Equal((WaitGiveUpReason.Unrecoverable, 1), (gaveUp.Reason, gaveUp.Polls));
        Assert.Equal((WaitFinding.CloudInitMissing, 127), (last.Finding, last.ExitCode));
    }

    [Fact]
    public async Task Cloud_init_that_failed_gives_up_at_once_with_its_status()
    {
        var failure = await FailAsync(Scenario(new SimRunAnswer(["cloud-init", "status"], "status: error\n", 1)), WaitFor.CloudInit());

        var (gaveUp, last) = GaveUp(failure);
        Assert.Equal((WaitGiveUpReason.Unrecoverable, WaitFinding.CloudInitFailed, "status: error"), (gaveUp.Reason, last.Finding, last.Output));
    }

    [Fact]
    public async Task A_systemd_unit_that_becomes_active_on_the_third_look_passes_then()
    {
        var machine = await EnsureAsync(Scenario(
                new SimRunAnswer(["systemctl", "is-active", "nginx"], "active\n") { AfterCalls = 2 },
                new SimRunAnswer(["systemctl", "is-active", "nginx"], "activating\n", 3)),
            WaitFor.SystemdUnit("nginx"));

        var looks = machine.Log.Events.OfType<WaitPolled>().Where(l => l.Strategy == WaitStrategyKind.SystemdUnit).ToList();
        Assert.Equal([WaitFinding.UnitNotActive, WaitFinding.UnitNotActive, WaitFinding.Passed], looks.Select(l => l.Finding));
        Assert.Equal(["activating", "activating", "active"], looks.Select(l => l.Output));
    }

    [Fact]
    public async Task A_systemd_unit_that_stays_failed_gives_up_with_its_state()
    {
        var failure = await FailAsync(Scenario(new SimRunAnswer(["systemctl", "is-active", "nginx"], "failed\n", 3)),
            WaitFor.SystemdUnit("nginx").WithTimeout(s_short));

        var (gaveUp, last) = GaveUp(failure);
        Assert.Equal((WaitGiveUpReason.TimedOut, WaitFinding.UnitNotActive, 3, "failed"), (gaveUp.Reason, last.Finding, last.ExitCode, last.Output));
    }

    [Fact]
    public async Task A_guest_port_passes_once_the_kernel_lists_a_listener_on_it()
    {
        var machine = await EnsureAsync(Scenario(
                new SimRunAnswer(["cat", "/proc/net/tcp", "/proc/net/tcp6"], Listening(22, 5432)) { AfterCalls = 1 },
                new SimRunAnswer(["cat", "/proc/net/tcp", "/proc/net/tcp6"], Listening(22))),
            WaitFor.Port(5432));

        Assert.Equal([WaitFinding.NotListening, WaitFinding.Passed], Findings(machine.Log, WaitStrategyKind.Port));
    }

    [Fact]
    public async Task A_guest_port_nothing_listens_on_gives_up_naming_the_ports_that_listen()
    {
        var failure = await FailAsync(Scenario(new SimRunAnswer(["cat", "/proc/net/tcp", "/proc/net/tcp6"], Listening(22, 80))),
            WaitFor.Port(5432).WithTimeout(s_short));

        var (gaveUp, last) = GaveUp(failure);
        Assert.Equal((WaitStrategyKind.Port, "5432", WaitFinding.NotListening), (gaveUp.Strategy, gaveUp.Target, last.Finding));
        Assert.Equal("listening: 22, 80", last.Output);
    }

    [Fact]
    public async Task A_file_passes_once_it_exists()
    {
        var machine = await EnsureAsync(Scenario(
                new SimRunAnswer(["test", "-e", "/run/app.ready"]) { AfterCalls = 2 },
                new SimRunAnswer(["test", "-e", "/run/app.ready"], ExitCode: 1)),
            WaitFor.File("/run/app.ready"));

        Assert.Equal([WaitFinding.FileMissing, WaitFinding.FileMissing, WaitFinding.Passed], Findings(machine.Log, WaitStrategyKind.File));
    }

    [Fact]
    public async Task A_file_that_never_appears_gives_up_on_the_simulators_own_test()
    {
        var failure = await FailAsync(Scenario(), WaitFor.File("/run/app.ready").WithTimeout(s_short));

        var (gaveUp, last) = GaveUp(failure);
        Assert.Equal((WaitStrategyKind.File, WaitGiveUpReason.TimedOut, WaitFinding.FileMissing, 1), (gaveUp.Strategy, gaveUp.Reason, last.Finding, last.ExitCode));
    }

    [Fact]
    public async Task A_log_line_that_appears_after_the_machine_ran_a_while_passes_with_the_line()
    {
        string[] journal = ["journalctl", "--no-pager", "-o", "cat", "-b", "-n", "1000", "-u", "postgresql"];
        var machine = await EnsureAsync(Scenario(
                new SimRunAnswer(journal, "starting\ndatabase system is ready to accept connections\n") { AfterMs = 3000 },
                new SimRunAnswer(journal, "starting\n")),
            WaitFor.LogLine("ready to accept connections", LogSource.Journal("postgresql")));

        var looks = machine.Log.Events.OfType<WaitPolled>().Where(l => l.Strategy == WaitStrategyKind.LogLine).ToList();
        Assert.True(looks.Count >= 2, $"{looks.Count} looks");
        Assert.All(looks[..^1], l => Assert.Equal((WaitFinding.NoMatchingLine, "starting"), (l.Finding, l.Output)));
        Assert.Equal((WaitFinding.Passed, "database system is ready to accept connections"), (looks[^1].Finding, looks[^1].Output));
    }

    [Fact]
    public async Task A_log_line_that_never_appears_in_a_file_gives_up_with_the_last_lines_seen()
    {
        var lines = string.Concat(Enumerable.Range(1, 8).Select(i => $"line {i}\n"));
        var failure = await FailAsync(Scenario(new SimRunAnswer(["tail", "-n", "1000", "/var/log/app.log"], lines)),
            WaitFor.LogLine("^listening on", LogSource.File("/var/log/app.log")).WithTimeout(s_short));

        var (_, last) = GaveUp(failure);
        Assert.Equal((WaitFinding.NoMatchingLine, "line 4\nline 5\nline 6\nline 7\nline 8"), (last.Finding, last.Output));
    }

    [Fact]
    public async Task Http_from_the_host_passes_once_the_listener_answers_200()
    {
        await using var server = new LoopbackHttpServer(n => n < 3 ? (503, "warming up") : (200, "ok"));

        var machine = await EnsureAsync(Scenario(), WaitFor.Http(server.Port, "/health"));

        var looks = machine.Log.Events.OfType<WaitPolled>().Where(l => l.Strategy == WaitStrategyKind.Http).ToList();
        Assert.Equal([503, 503, 200], looks.Select(l => l.HttpStatus));
        Assert.Equal([WaitFinding.UnexpectedStatus, WaitFinding.UnexpectedStatus, WaitFinding.Passed], looks.Select(l => l.Finding));
        Assert.Equal($"http://127.0.0.1:{server.Port}/health", looks[0].Target);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Http_with_a_predicate_waits_for_the_body_it_accepts()
    {
        await using var server = new LoopbackHttpServer(n => (200, n < 2 ? "{\"status\":\"starting\"}" : "{\"status\":\"up\"}"));

        var machine = await EnsureAsync(Scenario(),
            WaitFor.Http(server.Port).ForStatus(HttpStatusCode.OK).Matching((_, body) => body.Contains("\"up\"", StringComparison.Ordinal)));

        Assert.Equal([WaitFinding.PredicateRejected, WaitFinding.Passed], Findings(machine.Log, WaitStrategyKind.Http));
    }

    [Fact]
    public async Task Http_that_keeps_answering_503_gives_up_with_the_status_and_the_body()
    {
        await using var server = new LoopbackHttpServer(_ => (503, "warming up: 40%"));

        var failure = await FailAsync(Scenario(), WaitFor.Http(server.Port, "/health").WithTimeout(s_short));

        var (gaveUp, last) = GaveUp(failure);
        Assert.Equal((WaitGiveUpReason.TimedOut, WaitFinding.UnexpectedStatus, 503, "warming up: 40%"),
            (gaveUp.Reason, last.Finding, last.HttpStatus, last.Output));
        Assert.Equal(gaveUp.Polls, server.Requests);
    }

    [Fact]
    public async Task Tcp_from_the_host_passes_against_a_listening_port()
    {
        await using var server = new LoopbackHttpServer(_ => (200, ""));

        var machine = await EnsureAsync(Scenario(), WaitFor.Tcp(server.Port));

        Assert.Equal([WaitFinding.Passed], Findings(machine.Log, WaitStrategyKind.Tcp));
    }

    [Fact]
    public async Task Tcp_to_a_port_nothing_listens_on_gives_up_with_connection_refused()
    {
        var port = LoopbackHttpServer.FreePort();

        var failure = await FailAsync(Scenario(), WaitFor.Tcp(port).WithTimeout(s_short));

        var (gaveUp, last) = GaveUp(failure);
        Assert.Equal(($"127.0.0.1:{port}", WaitFinding.ConnectionFailed, "ConnectionRefused"), (gaveUp.Target, last.Finding, last.Detail));
    }

    [Fact]
    public async Task Strategies_run_in_order_each_after_the_previous_one_passed()
    {
        await using var server = new LoopbackHttpServer(_ => (200, "ok"));

        var machine = await EnsureAsync(Scenario(
                new SimRunAnswer(["systemctl", "is-active", "nginx"], "active\n") { AfterCalls = 1 },
                new SimRunAnswer(["systemctl", "is-active", "nginx"], "activating\n", 3)),
            WaitFor.CloudInit(), WaitFor.SystemdUnit("nginx"), WaitFor.Http(server.Port));

        Assert.Equal([WaitStrategyKind.Command, WaitStrategyKind.CloudInit, WaitStrategyKind.SystemdUnit, WaitStrategyKind.SystemdUnit, WaitStrategyKind.Http],
            machine.Log.Events.OfType<WaitPolled>().Select(l => l.Strategy));
        Assert.IsType<MachineReady>(machine.Log.Events.SkipWhile(e => e is not WaitPolled { Strategy: WaitStrategyKind.Http }).Skip(1).First());
    }

    [Fact]
    public async Task The_strategies_run_again_after_a_restart()
    {
        await using var world = new SimulatedWorld(Scenario().ToJson(), s_tuning);
        await using var provisioner = world.Provisioner();
        var machine = await provisioner.EnsureAsync(s_web.WithWaitFor(WaitFor.CloudInit()));

        await machine.RestartAsync();

        Assert.Equal([WaitFinding.Passed, WaitFinding.Passed], Findings(machine.Log, WaitStrategyKind.CloudInit));
        Assert.Single(machine.Log.Events.SkipWhile(e => e is not TestRequested { Operation: Operation.Restart }).OfType<WaitPolled>(),
            l => l.Strategy == WaitStrategyKind.CloudInit);
    }

    [Fact]
    public async Task A_machine_is_reached_at_its_orb_local_name_its_addresses_and_a_uri()
    {
        var machine = await EnsureAsync(Scenario());

        Assert.Equal(machine.Name + ".orb.local", machine.Hostname);
        Assert.Equal(("127.0.0.1", "::1"), (machine.IPv4, machine.IPv6));
        Assert.Equal(new Uri("http://127.0.0.1:8080/health?full=1"), machine.GetUri("http", 8080, "/health?full=1"));
        Assert.Equal(new Uri("https://127.0.0.1/"), machine.GetUri("https"));
        Assert.Equal("host.orb.internal", Machine.HostFromGuest);
    }
}
