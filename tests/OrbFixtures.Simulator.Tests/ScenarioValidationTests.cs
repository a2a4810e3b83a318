using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class ScenarioValidationTests
{
    public static TheoryData<string, string> MalformedScenarios => new()
    {
        { """{"durations":{"creat":1}}""", "unknown key 'durations.creat' (expected one of: profile, create, provisioning, cloudInit, start, cloneFirstBoot, stop, restart, delete, clone, daemonStart)" },
        { """{"fault":[]}""", "unknown key 'fault' (expected one of: hostArch, hostCpus, version, timeScale, durations, daemon, run, faults, addresses)" },
        { """{"faults":[{"op":"create","action":"explode"}]}""", "'faults[0].action' must be one of hang-after-create, hang, fail, delay, garbage (got 'explode')" },
        { """{"faults":[{"op":"frobnicate","action":"hang"}]}""", "'faults[0].op' is not an orbctl subcommand (got 'frobnicate')" },
        { """{"faults":[{"action":"hang"}]}""", "'faults[0].op' is required (e.g. \"create\")" },
        { """{"faults":[{"op":"create","action":"fail","times":-1}]}""", "'faults[0].times' must be a non-negative integer (got -1)" },
        { """{"faults":[{"op":"info","action":"hang-after-create"}]}""", "'faults[0].action' hang-after-create applies only to op 'create' (got 'info')" },
        { """{"faults":[{"op":"info","action":"fail","delayMs":5}]}""", "'faults[0].delayMs' is not valid for action 'fail'" },
        { """{"faults":[{"op":"info","action":"delay"}]}""", "'faults[0].delayMs' is required for action 'delay'" },
        { """{"faults":[{"op":"info","action":"fail","exitCode":300}]}""", "'faults[0].exitCode' must be an integer from 0 to 255 (got 300)" },
        { """{"daemon":{"status":"Paused"}}""", "'daemon.status' must be one of Running, Stopped, Starting (got 'Paused')" },
        { """{"durations":{"create":-5}}""", "'durations.create' must be a non-negative integer (got -5)" },
        { """{"durations":{"create":"fast"}}""", "'durations.create' must be a non-negative integer (got \"fast\")" },
        { """{"hostArch":"sparc"}""", "'hostArch' must be one of arm64, amd64 (got 'sparc')" },
        { """{"version":"two"}""", "'version' must look like 2.2.3 (got 'two')" },
        { """{"run":[{"command":[]}]}""", "'run[0].command' is required: the exact argv to answer, e.g. [\"uname\", \"-a\"]" },
        { """[1, 2]""", "'(root)' must be an object" },
        { """{"hostCpus":0}""", "'hostCpus' must be an integer from 1 to 1024 (got 0)" },
        { """{"timeScale":0}""", "'timeScale' must be an integer from 1 to 1000000 (got 0)" },
        { """{"durations":{"profile":"fast"}}""", "'durations.profile' must be one of test, published (got 'fast')" },
        { """{"durations":{"cloneFirstBoot":-1}}""", "'durations.cloneFirstBoot' must be a non-negative integer (got -1)" },
        { """{"run":[{"command":["x"],"durationMs":-1}]}""", "'run[0].durationMs' must be a non-negative integer (got -1)" },
        { """{"run":[{"command":["x"],"execute":"yes"}]}""", "'run[0].execute' must be true or false (got \"yes\")" },
        { """{"run":[{"command":["x"],"execute":true,"stdout":"hi"}]}""", "'run[0].stdout' is not valid with 'execute': true (the built-in program answers)" },
    };

    [Theory]
    [MemberData(nameof(MalformedScenarios))]
    public async Task A_malformed_scenario_names_the_file_and_the_problem(string json, string problem)
    {
        using var orb = new SimulatedOrbStack(json);

        var outcome = await orb.RunAsync("list");

        outcome.ShouldBe(2, stderr: $"orbsim: invalid scenario '{orb.Sandbox.ScenarioPath}': {problem}\n");
    }

    [Fact]
    public async Task Invalid_json_is_reported_with_its_position()
    {
        using var orb = new SimulatedOrbStack("{\"durations\": {\"create\": 1,\n");

        var outcome = await orb.RunAsync("status");

        Assert.StartsWith($"orbsim: invalid scenario '{orb.Sandbox.ScenarioPath}': invalid JSON at line 2, byte 1: ", outcome.StandardError);
        Assert.DoesNotContain("LineNumber", outcome.StandardError);
        Assert.Equal(2, outcome.ExitCode);
    }

    [Fact]
    public async Task A_missing_scenario_file_is_reported()
    {
        using var orb = new SimulatedOrbStack(scenarioJson: null);
        var missing = Path.Combine(orb.Sandbox.Root, "nope.json");

        var outcome = await orb.RunWithEnvironmentAsync(new Dictionary<string, string> { ["ORBSIM_SCENARIO"] = missing }, "status");

        outcome.ShouldBe(2, stderr: $"orbsim: invalid scenario '{missing}': file not found\n");
    }

    [Fact]
    public async Task Comments_and_trailing_commas_are_allowed()
    {
        using var orb = new SimulatedOrbStack("""
            {
              // Intel host
              "hostArch": "amd64",
              "durations": { "create": 0, "provisioning": 0, },
            }
            """);

        (await orb.RunAsync("create", "ubuntu", "box")).ShouldBe(0);
        Assert.Equal("amd64", (await orb.RecordAsync("box"))!.Value.GetProperty("image").GetProperty("arch").GetString());
    }

    [Fact]
    public async Task An_unexpected_failure_is_one_line_and_exit_70_never_a_stack_trace()
    {
        using var orb = new SimulatedOrbStack();
        var notADirectory = Path.Combine(orb.Sandbox.Root, "file");
        await File.WriteAllTextAsync(notADirectory, "");

        var outcome = await orb.RunWithEnvironmentAsync(new Dictionary<string, string> { ["ORBSIM_HOME"] = notADirectory }, "list");

        Assert.StartsWith("orbsim: internal error: ", outcome.StandardError);
        Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", outcome.StandardError);
        Assert.Equal(70, outcome.ExitCode);
    }
}
