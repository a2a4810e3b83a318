using OrbFixtures.Reliability.Suite;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// The interleavings tier (issue 12): each test plays one interleaving of sessions, processes, PID namespaces and
/// orbctl worlds in which OrbFixtures must keep its ownership promise, opened deterministically with simulator faults
/// and watched through the invocation log and <c>list</c>. After each: every machine that is not ours keeps its ULID and
/// state, no live session loses its machine, nothing leaks (machine or orbctl process), no secret is left on disk.
/// The scenarios run at once (see <see cref="InterleavingRuns"/>); each test shows its scenario's transcript.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public sealed class InterleavingsTests(ReliabilityTally tally, InterleavingRuns runs, ITestOutputHelper output)
    : IClassFixture<InterleavingRuns>
{
    [Fact]
    public Task A_machine_made_by_hand_between_lookup_and_create_is_never_adopted() => PlayAsync(ForeignInTheGap.LookupCreateGap);

    [Fact]
    public Task The_watchdog_never_adopts_a_foreign_machine_running_under_the_name() => PlayAsync(ForeignInTheGap.WatchdogSeesForeign);

    [Fact]
    public Task Concurrent_sessions_with_different_specs_for_one_reusable_name_each_get_their_own_distro() =>
        PlayAsync(SharedReuse.ConcurrentSpecs);

    [Fact]
    public Task A_slow_sweep_with_a_stale_snapshot_never_deletes_a_live_sessions_machine() => PlayAsync(StaleSweeps.SlowSweep);

    [Fact]
    public Task A_reusable_machine_is_never_handed_over_while_another_session_holds_it() => PlayAsync(SharedReuse.HandOver);

    [Fact]
    public Task A_session_in_another_PID_namespace_is_never_reaped() => PlayAsync(StaleSweeps.OtherPidNamespace);

    [Fact]
    public Task Malformed_planted_damaged_and_non_regular_ledger_files_are_reported_and_never_acted_on() =>
        PlayAsync(UntrustedLedger.BadFiles);

    [Fact]
    public Task A_run_against_another_orbctl_world_never_drops_this_worlds_records() => PlayAsync(StaleSweeps.OrbctlWorldSwitch);

    [Fact]
    public Task A_crash_during_a_create_with_secret_user_data_leaves_no_secret_behind() => PlayAsync(SecretUserData.CrashDuringCreate);

    private async Task PlayAsync(Interleaving scenario)
    {
        var (run, played) = runs.Of(scenario, tally);
        try
        {
            await played;
        }
        finally
        {
            output.WriteLine(run.Transcript);
        }
    }
}
