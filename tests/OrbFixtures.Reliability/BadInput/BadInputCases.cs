using OrbFixtures.OrbCtl;

namespace OrbFixtures.Reliability.BadInput;

/// <summary>The bad inputs the suite feeds OrbFixtures, by label. Each must be rejected with a typed error that names
/// the value and the rule, before any orbctl process starts.</summary>
internal static class BadInputCases
{
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
        ["unknown distro"] = Spec(MachineSpec.Create("db", "ubunto:24.04"), "'ubunto'", "Known distros"),
        ["unknown arch"] = Spec(MachineSpec.Create("db", "ubuntu").WithArch("arm32"), "'arm32'", "arm64"),
        ["empty version"] = Spec(MachineSpec.Create("db", "ubuntu:"), "'ubuntu:'", "empty version"),
        ["invalid user"] = Spec(MachineSpec.Create("db", "ubuntu").WithUser("app user"), "'app user'", "letters, digits"),
        ["empty readiness probe"] = Spec(MachineSpec.Create("db", "ubuntu").WithReadinessProbe(), "probe", "empty"),
        ["readiness probe starting with '-'"] =
            Spec(MachineSpec.Create("db", "ubuntu").WithReadinessProbe("--wait", "true"), "'--wait'", "program name"),
        ["empty command in a machine"] = new(b => b.RunInMachineAsync(), typeof(ArgumentException), "program name"),
        ["command starting with '-' in a machine"] =
            new(b => b.RunInMachineAsync("-c", "true"), typeof(ArgumentException), "'-c'", "program name"),
        ["missing cloud-init file"] = new(b => b.EnsureAsync(MachineSpec.Create("db", "ubuntu").WithUserDataFile(Missing(b))),
            typeof(ArgumentException), "missing-user-data.yaml", "cannot be read"),
        ["unreadable cloud-init file (a directory)"] = new(b => b.EnsureAsync(MachineSpec.Create("db", "ubuntu").WithUserDataFile(b.Root)),
            typeof(ArgumentException), "cannot be read"),
        ["cloud-init on a distro without it"] = Spec(MachineSpec.Create("db", "arch").WithUserData("#cloud-config\n"), "'arch'", "cloud-init"),
        ["timeout that is not a duration"] = Config(OrbFixturesConfiguration.TimeoutKey(Operation.Create), "5 minutes", "duration"),
        ["misspelt timeout key"] = Config("ORBFIXTURES_TIMEOUT_CRAETE", "300", "known operation"),
        ["zero parallel creates"] = Config(OrbFixturesConfiguration.MaxParallelCreatesKey, "0", "at least 1"),
        ["non-numeric max attempts"] = Config(OrbFixturesConfiguration.MaxAttemptsKey, "many", "whole number"),
        ["negative poll interval"] = Config(OrbFixturesConfiguration.PollIntervalKey, "-1", "positive duration"),
        ["unknown cleanup policy"] = Config(OrbFixturesConfiguration.CleanupKey, "sometimes", "keep-on-failure"),
        ["watchdog that is not a boolean"] = Config(OrbFixturesConfiguration.WatchdogKey, "maybe", "true or false"),
        ["name prefix starting with '-'"] = Config(OrbFixturesConfiguration.NamePrefixKey, "-of", "starting with a letter or digit"),
        ["zero poll interval in code"] = Options(o => o with { PollInterval = TimeSpan.Zero }, "PollInterval", "positive"),
        ["zero parallel creates in code"] = Options(o => o with { MaxParallelCreates = 0 }, "MaxParallelCreates", "at least 1"),
        ["name prefix with an underscore in code"] = Options(o => o with { NamePrefix = "of_x" }, "'of_x'", "letters, digits"),
    };

    private static BadInputCase Spec(MachineSpec spec, params string[] mentions) =>
        new(b => b.EnsureAsync(spec), typeof(ArgumentException), mentions);

    private static BadInputCase Config(string key, string value, string rule) => new(
        b => b.EnsureAsync(MachineSpec.Create("db", "ubuntu"), new Dictionary<string, string?> { [key] = value }),
        typeof(OrbFixturesConfigurationException), key, $"'{value}'", rule);

    private static BadInputCase Options(Func<OrbFixturesOptions, OrbFixturesOptions> change, params string[] mentions) =>
        new(b => b.EnsureAsync(MachineSpec.Create("db", "ubuntu"), options: change(b.Options)), typeof(ArgumentException), mentions);

    private static string Missing(BadInputBench bench) => Path.Combine(bench.Root, "missing-user-data.yaml");
}
