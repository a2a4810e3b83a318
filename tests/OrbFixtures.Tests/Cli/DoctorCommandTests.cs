using OrbFixtures.Ownership;
using Xunit;

namespace OrbFixtures.Tests.Cli;

/// <summary><c>orbfixtures doctor</c>: the probe with what it searched, <c>orbctl version</c>, the state folder, the
/// effective configuration with sources, and a verdict whose exit code scripts can rely on.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Against_the_simulator_machine_tests_would_run_and_the_exit_code_is_0()
    {
        await using var bed = new CliBed();

        var doctor = await bed.RunAsync("doctor", "--json");

        Assert.Equal(0, doctor.ExitCode);
        Assert.Equal("MachineTestsRun", (string?)doctor.Json["verdict"]);
        Assert.True((bool)doctor.Json["orbctl"]!["available"]!);
        Assert.NotEmpty(doctor.Json["orbctl"]!["searched"]!.AsArray());
        Assert.False(string.IsNullOrEmpty((string?)doctor.Json["orbctl"]!["version"]));
        Assert.Equal(bed.World.StateDirectory, (string?)doctor.Json["stateDirectory"]!["path"]);
        Assert.Empty(doctor.Json["problems"]!.AsArray());
        var sources = Sources(doctor);
        Assert.Equal("environment", sources[OrbFixturesConfiguration.OrbctlKey]);
        Assert.Equal("default", sources[OrbFixturesConfiguration.NamePrefixKey]);
        // Every setting OrbFixtures reads is shown, so a key added later cannot be missing from the diagnosis.
        var keys = typeof(OrbFixturesConfiguration).GetFields()
            .Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Concat(Enum.GetValues<Operation>().Select(OrbFixturesConfiguration.TimeoutKey));
        Assert.Empty(keys.Except(sources.Keys));
    }

    [Fact]
    public async Task Without_orbctl_machine_tests_would_be_skipped_or_when_required_fail_and_the_exit_code_is_1()
    {
        await using var bed = new CliBed();
        var environment = bed.Environment();
        environment[OrbFixturesConfiguration.OrbctlKey] = Path.Combine(bed.World.Sandbox.Root, "no-such-orbctl");

        var skipped = await bed.RunAsync(["doctor", "--json"], stdin: null, canPrompt: false, environment);
        environment[OrbFixturesConfiguration.RequireKey] = "true";
        var failed = await bed.RunAsync(["doctor", "--json"], stdin: null, canPrompt: false, environment);

        Assert.Equal(1, skipped.ExitCode);
        Assert.Equal("MachineTestsSkipped", (string?)skipped.Json["verdict"]);
        var problem = Assert.Single(skipped.Json["problems"]!.AsArray())!;
        Assert.Equal("OrbctlNotFound", (string?)problem["kind"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["fix"]));
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("MachineTestsFail", (string?)failed.Json["verdict"]);
    }

    [Fact]
    public async Task A_runsettings_file_wins_over_the_environment_and_is_named_as_the_source()
    {
        await using var bed = new CliBed();
        var settings = Path.Combine(bed.World.Sandbox.Root, "ci.runsettings");
        File.WriteAllText(settings, """
            <RunSettings>
              <RunConfiguration>
                <EnvironmentVariables>
                  <ORBFIXTURES_NAME_PREFIX>ci</ORBFIXTURES_NAME_PREFIX>
                  <ORBFIXTURES_POLL_INTERVAL>0.5</ORBFIXTURES_POLL_INTERVAL>
                </EnvironmentVariables>
              </RunConfiguration>
            </RunSettings>
            """);
        var environment = bed.Environment();
        environment[OrbFixturesConfiguration.NamePrefixKey] = "env";

        var doctor = await bed.RunAsync(["doctor", "--json", "--settings", settings], stdin: null, canPrompt: false, environment);

        Assert.Equal(0, doctor.ExitCode);
        var settingsByKey = doctor.Json["configuration"]!.AsArray().ToDictionary(s => (string)s!["key"]!, s => (string?)s!["value"]);
        Assert.Equal("ci", settingsByKey[OrbFixturesConfiguration.NamePrefixKey]);
        Assert.Equal("00:00:00.5000000", settingsByKey[OrbFixturesConfiguration.PollIntervalKey]);
        Assert.Equal("runsettings", Sources(doctor)[OrbFixturesConfiguration.NamePrefixKey]);
    }

    [Fact]
    public async Task An_invalid_value_is_a_problem_that_names_its_key()
    {
        await using var bed = new CliBed();
        var environment = bed.Environment();
        environment[OrbFixturesConfiguration.MaxAttemptsKey] = "many";

        var doctor = await bed.RunAsync(["doctor", "--json"], stdin: null, canPrompt: false, environment);

        Assert.Equal(1, doctor.ExitCode);
        Assert.Equal("MachineTestsFail", (string?)doctor.Json["verdict"]);
        var problem = Assert.Single(doctor.Json["problems"]!.AsArray())!;
        Assert.Equal("InvalidConfiguration", (string?)problem["kind"]);
        Assert.Contains(OrbFixturesConfiguration.MaxAttemptsKey, (string?)problem["fix"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsafe_state_folder_fails_and_damaged_records_only_warn()
    {
        await using var bed = new CliBed();
        File.WriteAllText(Path.Combine(bed.Ledger.Directory, "of-bad1-db.json"), "");
        var clean = await bed.RunAsync("doctor", "--json");
        File.SetUnixFileMode(bed.World.StateDirectory, (UnixFileMode)0b111_111_111);

        var unsafeFolder = await bed.RunAsync("doctor", "--json");

        Assert.Equal(0, clean.ExitCode);
        var warning = Assert.Single(clean.Json["problems"]!.AsArray())!;
        Assert.Equal("DamagedRecords", (string?)warning["kind"]);
        Assert.False((bool)warning["blocks"]!);
        Assert.Single(clean.Json["stateDirectory"]!["unreadableRecords"]!.AsArray());
        Assert.Equal(1, unsafeFolder.ExitCode);
        Assert.Equal("MachineTestsFail", (string?)unsafeFolder.Json["verdict"]);
        Assert.Contains(unsafeFolder.Json["problems"]!.AsArray(), p => (string?)p!["kind"] == "StateDirectoryUnsafe");
        Assert.Equal("0777", (string?)unsafeFolder.Json["stateDirectory"]!["mode"]);
    }

    private static Dictionary<string, string?> Sources(CliOutcome doctor) =>
        doctor.Json["configuration"]!.AsArray().ToDictionary(s => (string)s!["key"]!, s => (string?)s!["source"]);
}
