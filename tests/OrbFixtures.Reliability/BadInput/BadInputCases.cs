using OrbFixtures.OrbCtl;

namespace OrbFixtures.Reliability.BadInput;

/// <summary>The bad inputs the suite feeds OrbFixtures, by label. Each must be rejected with a typed error that names
/// the value and the rule, before any orbctl process starts.</summary>
internal static class BadInputCases
{
    private const string AttemptTimeoutRange = "from 10 ms to 24 h";
    private const string PollIntervalRange = "from 10 ms to 1 h";
    private static readonly string s_longName = new('a', 64);
    private static readonly string s_nameTooLongOnceComposed = new('b', 56); // of-XXXX-<56> = 64 characters

    public static IReadOnlyDictionary<string, BadInputCase> All { get; } = new Dictionary<string, BadInputCase>
    {
        ["name with an underscore"] = Spec(MachineSpec.Create("my_db", "ubuntu"), "'my_db'", "'_'"),
        ["name starting with '-'"] = Spec(MachineSpec.Create("-db", "ubuntu"), "'-db'", "starting with a letter or digit"),
        ["reserved name docker"] = Spec(MachineSpec.Create("docker", "ubuntu"), "'docker'", "reserved"),
        ["64-character name"] = Spec(MachineSpec.Create(s_longName, "ubuntu"), s_longName, "63"),
        ["name that is 64 characters with prefix and session"] =
            Spec(MachineSpec.Create(s_nameTooLongOnceComposed, "ubuntu"), s_nameTooLongOnceComposed, "63"),
        ["empty name"] = Spec(MachineSpec.Create("", "ubuntu"), "''", "letters, digits"),
        // Which distros exist is orbctl's to say (an unknown one fails at its create, with a hint); a distro that is
        // not one argv word is bad input.
        ["distro with a space"] = Spec(MachineSpec.Create("db", "ubu ntu:24.04"), "'ubu ntu'", "without spaces"),
        ["version with a space"] = Spec(MachineSpec.Create("db", "ubuntu:24 04"), "'24 04'", "without spaces"),
        ["unknown arch"] = Spec(MachineSpec.Create("db", "ubuntu").WithArch("arm32"), "'arm32'", "arm64"),
        ["empty version"] = Spec(MachineSpec.Create("db", "ubuntu:"), "'ubuntu:'", "empty version"),
        ["invalid user"] = Spec(MachineSpec.Create("db", "ubuntu").WithUser("app user"), "'app user'", "letters, digits"),
        ["user starting with '-'"] = Spec(MachineSpec.Create("db", "ubuntu").WithUser("-u"), "'-u'", "not starting with '-'"),
        ["empty readiness probe"] = Spec(MachineSpec.Create("db", "ubuntu").WithReadinessProbe(), "probe", "empty"),
        ["readiness probe starting with '-'"] =
            Spec(MachineSpec.Create("db", "ubuntu").WithReadinessProbe("--wait", "true"), "'--wait'", "program name"),
        ["readiness probe with a null argument"] =
            Spec(MachineSpec.Create("db", "ubuntu").WithReadinessProbe("echo", null!), "probe", "null argument"),
        ["empty command in a machine"] = new(b => b.RunInMachineAsync(), typeof(ArgumentException), "program name"),
        ["command starting with '-' in a machine"] =
            new(b => b.RunInMachineAsync("-c", "true"), typeof(ArgumentException), "'-c'", "program name"),
        ["command with a null argument in a machine"] =
            new(b => b.RunInMachineAsync("echo", null!), typeof(ArgumentException), "null argument"),
        ["missing cloud-init file"] = new(b => b.EnsureAsync(MachineSpec.Create("db", "ubuntu").WithUserDataFile(Missing(b))),
            typeof(ArgumentException), "missing-user-data.yaml", "cannot be read"),
        ["unreadable cloud-init file (a directory)"] = new(b => b.EnsureAsync(MachineSpec.Create("db", "ubuntu").WithUserDataFile(b.Root)),
            typeof(ArgumentException), "cannot be read"),
        ["timeout that is not a duration"] = Config(OrbFixturesConfiguration.TimeoutKey(Operation.Create), "5 minutes", "duration"),
        ["misspelt timeout key"] = Config("ORBFIXTURES_TIMEOUT_CRAETE", "300", "known operation"),
        ["zero parallel creates"] = Config(OrbFixturesConfiguration.MaxParallelCreatesKey, "0", "from 1 to 64"),
        ["non-numeric max attempts"] = Config(OrbFixturesConfiguration.MaxAttemptsKey, "many", "whole number"),
        ["negative poll interval"] = Config(OrbFixturesConfiguration.PollIntervalKey, "-1", "from 10 ms to 1 h"),
        // The configuration bounds of issue 13: each of these once passed the reader and failed mid-provisioning
        // (or made every probe time out).
        ["create timeout beyond 24 h (5000000 s)"] = Config(TimeoutKey(Operation.Create), "5000000", AttemptTimeoutRange),
        ["run timeout of TimeSpan.MaxValue"] = Config(TimeoutKey(Operation.Run), "10675199.02:48:05", AttemptTimeoutRange),
        ["poll interval beyond 1 h (5000000 s)"] = Config(OrbFixturesConfiguration.PollIntervalKey, "5000000", PollIntervalRange),
        ["info timeout beyond 24 h (100000000 s)"] = Config(TimeoutKey(Operation.Info), "100000000", AttemptTimeoutRange),
        ["info timeout under 10 ms (0.00000001 s)"] = Config(TimeoutKey(Operation.Info), "0.00000001", AttemptTimeoutRange),
        ["poll interval under 10 ms (0.00000001 s)"] = Config(OrbFixturesConfiguration.PollIntervalKey, "0.00000001", PollIntervalRange),
        ["500 max attempts"] = Config(OrbFixturesConfiguration.MaxAttemptsKey, "500", "from 1 to 100"),
        ["run timeout under 10 ms (0.0000001 s)"] = Config(TimeoutKey(Operation.Run), "0.0000001", AttemptTimeoutRange),
        ["create timeout beyond 24 h in code"] = Options(o => o with { Timeouts = o.Timeouts.With(Operation.Create, TimeSpan.FromSeconds(5000000)) },
            "OperationTimeouts[Create]", "'57.20:53:20'", AttemptTimeoutRange),
        ["run timeout of TimeSpan.MaxValue in code"] = Options(o => o with { Timeouts = o.Timeouts.With(Operation.Run, TimeSpan.MaxValue) },
            "OperationTimeouts[Run]", "'10675199.02:48:05.4775807'", AttemptTimeoutRange),
        ["poll interval beyond 1 h in code"] = Options(o => o with { PollInterval = TimeSpan.FromSeconds(5000000) },
            "OrbFixturesOptions.PollInterval", "'57.20:53:20'", PollIntervalRange),
        ["info timeout beyond 24 h in code"] = Options(o => o with { Timeouts = o.Timeouts.With(Operation.Info, TimeSpan.FromSeconds(100000000)) },
            "OperationTimeouts[Info]", "'1157.09:46:40'", AttemptTimeoutRange),
        ["info timeout under 10 ms in code"] = Options(o => o with { Timeouts = o.Timeouts.With(Operation.Info, TimeSpan.FromSeconds(0.00000001)) },
            "OperationTimeouts[Info]", Shown(TimeSpan.FromSeconds(0.00000001)), AttemptTimeoutRange),
        ["poll interval under 10 ms in code"] = Options(o => o with { PollInterval = TimeSpan.FromSeconds(0.00000001) },
            "OrbFixturesOptions.PollInterval", Shown(TimeSpan.FromSeconds(0.00000001)), PollIntervalRange),
        ["500 max attempts in code"] = Options(o => o with { Retry = o.Retry with { MaxAttempts = 500 } },
            "OrbFixturesOptions.Retry.MaxAttempts", "'500'", "from 1 to 100"),
        ["run timeout under 10 ms in code"] = Options(o => o with { Timeouts = o.Timeouts.With(Operation.Run, TimeSpan.FromSeconds(0.0000001)) },
            "OperationTimeouts[Run]", Shown(TimeSpan.FromSeconds(0.0000001)), AttemptTimeoutRange),
        ["unknown cleanup policy"] = Config(OrbFixturesConfiguration.CleanupKey, "sometimes", "keep-on-failure"),
        ["watchdog that is not a boolean"] = Config(OrbFixturesConfiguration.WatchdogKey, "maybe", "true or false"),
        ["name prefix starting with '-'"] = Config(OrbFixturesConfiguration.NamePrefixKey, "-of", "starting with a letter or digit"),
        ["zero poll interval in code"] = Options(o => o with { PollInterval = TimeSpan.Zero }, "OrbFixturesOptions.PollInterval", PollIntervalRange),
        ["zero parallel creates in code"] = Options(o => o with { MaxParallelCreates = 0 }, "OrbFixturesOptions.MaxParallelCreates", "from 1 to 64"),
        ["name prefix with an underscore in code"] = Options(o => o with { NamePrefix = "of_x" }, "'of_x'", "letters, digits"),
    };

    private static BadInputCase Spec(MachineSpec spec, params string[] mentions) =>
        new(b => b.EnsureAsync(spec), typeof(ArgumentException), mentions);

    private static BadInputCase Config(string key, string value, string rule) => new(
        b => b.EnsureAsync(MachineSpec.Create("db", "ubuntu"), new Dictionary<string, string?> { [key] = value }),
        typeof(OrbFixturesConfigurationException), key, $"'{value}'", rule);

    /// <summary>Options set in code, as a fixture's <c>ConfigureOptions</c> would: the change itself runs inside the
    /// attempt, because <c>OperationTimeouts.With</c> rejects an out-of-range timeout where it is set.</summary>
    private static BadInputCase Options(Func<OrbFixturesOptions, OrbFixturesOptions> change, params string[] mentions) =>
        new(b => b.EnsureAsync(MachineSpec.Create("db", "ubuntu"), options: change(b.Options)), typeof(OrbFixturesConfigurationException), mentions);

    /// <summary>How the error quotes a duration set in code (below one tick, a double of seconds rounds to a tick count).</summary>
    private static string Shown(TimeSpan value) => $"'{value.ToString("c", System.Globalization.CultureInfo.InvariantCulture)}'";

    private static string TimeoutKey(Operation operation) => OrbFixturesConfiguration.TimeoutKey(operation);

    private static string Missing(BadInputBench bench) => Path.Combine(bench.Root, "missing-user-data.yaml");
}
