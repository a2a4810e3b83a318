using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>
/// Every setting of OrbFixtures. Values come from defaults &lt; code (this record, with <c>with</c>) &lt; environment
/// variables (<see cref="OrbFixturesConfiguration.FromEnvironment"/>), and <c>.runsettings</c>
/// <c>&lt;RunConfiguration&gt;&lt;EnvironmentVariables&gt;</c> is the documented way to set those per run.
/// </summary>
public sealed record OrbFixturesOptions
{
    /// <summary>Path of <c>orbctl</c> (<c>ORBFIXTURES_ORBCTL</c>); <see langword="null"/> to search where OrbStack installs it.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? OrbctlPath { get; init; }

    /// <summary>Fail machine tests instead of skipping them when OrbStack is absent (<c>ORBFIXTURES_REQUIRE</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Require { get; init; }

    /// <summary>Run <c>orbctl start</c> when OrbStack is stopped (<c>ORBFIXTURES_AUTOSTART</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AutoStart { get; init; }

    /// <summary>Per-attempt timeout of each operation (<c>ORBFIXTURES_TIMEOUT_&lt;OPERATION&gt;</c>).</summary>
    /// <value>The default value is <see cref="OperationTimeouts.Default"/>.</value>
    public OperationTimeouts Timeouts { get; init; } = OperationTimeouts.Default;

    /// <summary>Retry of transient failures; <c>ORBFIXTURES_MAX_ATTEMPTS</c> sets <see cref="OrbCtlRetryOptions.MaxAttempts"/>.</summary>
    public OrbCtlRetryOptions Retry { get; init; } = new();

    /// <summary>How many creates may run at once in this process (<c>ORBFIXTURES_MAX_PARALLEL_CREATES</c>).</summary>
    /// <value>The default value is 2.</value>
    public int MaxParallelCreates { get; init; } = 2;

    /// <summary>How often the watchdog and reconciliation poll <c>orbctl info</c> (<c>ORBFIXTURES_POLL_INTERVAL</c>).</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether a watchdog adopts a machine whose <c>create</c> hangs after making it.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Watchdog { get; init; } = true;

    /// <summary>What happens to machines at teardown (<c>ORBFIXTURES_CLEANUP</c>: delete|stop|keep|keep-on-failure).</summary>
    /// <value>The default value is <see cref="CleanupPolicy.Delete"/>.</value>
    public CleanupPolicy Cleanup { get; init; } = CleanupPolicy.Delete;

    /// <summary>The first part of every machine name (<c>ORBFIXTURES_NAME_PREFIX</c>).</summary>
    /// <value>The default value is <c>of</c>.</value>
    public string NamePrefix { get; init; } = "of";

    /// <summary>Where the ownership ledger lives (<c>ORBFIXTURES_STATE_DIR</c>); shared by all test processes of a user.</summary>
    /// <value>The default value is <c>OrbFixtures</c> under the user's local application-data folder.</value>
    public string StateDirectory { get; init; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "OrbFixtures");

    /// <summary>How long a reusable machine that no live session leases is kept before a reaper collects it
    /// (<c>ORBFIXTURES_REUSE_RETENTION</c>). A spec change gives a reusable machine a new name, so the old one is
    /// collected by this, never deleted while a session may still use it.</summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan ReuseRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Whether machines made from a <see cref="MachineTemplate"/> are cloned from a shared template machine
    /// (<c>ORBFIXTURES_TEMPLATES</c>: reuse, rebuild or off).</summary>
    /// <value>The default value is <see cref="TemplateMode.Reuse"/>.</value>
    public TemplateMode Templates { get; init; } = TemplateMode.Reuse;

    /// <summary>How long a template machine that no live session leases is kept after its last use before a reaper
    /// collects it (<c>ORBFIXTURES_TEMPLATE_MAX_AGE</c>). A template superseded by a newer build of the same logical
    /// name (its recipe changed) is collected as soon as no lease holds it.</summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan TemplateMaxAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Path of a JSON run report (<c>ORBFIXTURES_REPORT</c>); <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ReportPath { get; init; }

    /// <summary>How many of a machine's most recent commands its failure report shows (older ones are counted in one
    /// line); every command stays in the machine's log.</summary>
    /// <value>The default value is 20.</value>
    public int CommandHistorySize { get; init; } = 20;

    /// <summary>Bytes of each output stream of an <c>orbctl</c> process kept in results (<c>ORBFIXTURES_MAX_OUTPUT</c>):
    /// the first and last half, with a marker saying how many bytes were dropped between them. Between
    /// 1 KiB (1024) and 1 GiB.</summary>
    /// <value>The default value is 16 MiB.</value>
    public int MaxOutputBytes { get; init; } = OrbCtlClientOptions.DefaultMaxOutputBytes;

    /// <summary>Extra environment variables for every <c>orbctl</c> process (e.g. the simulator's ORBSIM_HOME).</summary>
    public IReadOnlyDictionary<string, string> OrbctlEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a wait strategy (<see cref="WaitFor"/>) that sets no timeout of its own may wait, from its
    /// first look (<c>ORBFIXTURES_WAIT_TIMEOUT</c>); <see langword="null"/> for no limit but the readiness budget (the
    /// create timeout, or the restart timeout after a restart), which bounds every strategy anyway.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? WaitTimeout { get; init; }

    /// <summary>The pause between two looks of a wait strategy that sets no interval of its own
    /// (<c>ORBFIXTURES_WAIT_POLL_INTERVAL</c>); <see langword="null"/> for <see cref="PollInterval"/>.</summary>
    /// <value>The default value is <see langword="null"/> (so 1 second).</value>
    public TimeSpan? WaitPollInterval { get; init; }

    /// <summary>Check before each machine test that every machine of its fixtures still exists with the ULID it was
    /// provisioned with and is running (<c>ORBFIXTURES_VERIFY_BEFORE_TEST</c>); a machine that disappeared, was replaced or
    /// stopped fails the test at once with the machine's history, instead of a confusing error from inside the test.
    /// Costs one <c>orbctl info</c> per machine and test.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool VerifyBeforeEachTest { get; init; }

    /// <summary>The clock (tests inject a fake one).</summary>
    /// <value>The default value is <c>TimeProvider.System</c>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
