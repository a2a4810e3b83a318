using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using OrbFixtures.Diagnostics;

namespace OrbFixtures.Packaging.Tests;

/// <summary>README.md cannot drift: its commands are run, its table is complete, its examples are valid.</summary>
public sealed class ReadmeTests
{
    /// <summary>Commands the README documents that CI deliberately does not run, and why; the project each names must exist.</summary>
    private static readonly Dictionary<string, (string Project, string Reason)> s_notRunByCi = new(StringComparer.Ordinal)
    {
        ["dotnet run -c Release --project tests/OrbFixtures.Benchmarks"] =
            ("tests/OrbFixtures.Benchmarks/OrbFixtures.Benchmarks.csproj", "minutes of wall-clock measurement; RESULTS.md records a run"),
        // Examples that act on the reader's own templates; each command is run against the simulator by these tests.
        ["orbfixtures templates list"] = (TemplatesCommandTests, "acts on the reader's templates; run by its tests"),
        ["orbfixtures templates rebuild web-base"] = (TemplatesCommandTests, "acts on the reader's templates; run by its tests"),
        ["orbfixtures templates prune --older-than 86400 --dry-run --json"] =
            (TemplatesCommandTests, "acts on the reader's templates; run by its tests"),
        ["tests/Mutation/run"] =
            ("tests/Mutation/stryker-config.json", "a mutation run takes tens of minutes; the README states the measured time"),
    };

    private const string TemplatesCommandTests = "tests/OrbFixtures.Tests/Cli/TemplatesCommandTests.cs";

    [Fact]
    public void Every_command_outside_the_quick_start_is_run_by_ci()
    {
        var ciLines = Repository.Read(".ci/run").Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        // The quick starts and the build from a clone are run, to the letter, by QuickStartTests, PackedPackages and
        // FromSourceTests.
        var commands = Readme.Blocks()
            .Where(b => b.Language is "bash" or "sh" or "shell"
                && b.Section is not (Readme.QuickStart or Readme.ExistingV2Suites or PackedPackages.FromCloneSection))
            .SelectMany(b => b.Commands)
            .ToList();

        Assert.Contains("dotnet test OrbFixtures.sln --settings coverage.runsettings", commands);
        Assert.Contains("dotnet test samples/OrbFixtures.Samples --settings samples/simulator.runsettings", commands);
        Assert.Contains("dotnet run --project samples/OrbFixtures.Samples.XunitV3 --launch-profile simulator", commands);
        foreach (var command in commands)
        {
            if (s_notRunByCi.TryGetValue(command, out var documented))
            {
                Assert.True(File.Exists(Repository.PathOf(documented.Project)),
                    $"README.md documents `{command}` but {documented.Project} does not exist.");
                continue;
            }
            if (ciLines.Contains(command)) continue;
            // `dotnet test tests/X` of a project in the solution is run by the suite command, which .ci/run runs.
            var project = TestProjectOf(command);
            Assert.True(project is not null && SolutionProjects().Contains(project),
                $"README.md documents `{command}`, which .ci/run does not run verbatim" +
                (project is null ? "." : $" and whose project {project} is not in OrbFixtures.sln (run by the suite command)."));
        }
    }

    [Theory]
    [InlineData(Readme.QuickStart, "OrbFixtures.XunitV3")]
    [InlineData(Readme.ExistingV2Suites, "OrbFixtures.Xunit")]
    public void Each_quick_start_is_code_and_commands_only(string section, string package)
    {
        var blocks = Readme.In(section);

        Assert.Contains(blocks, b => b.Language == "csharp" && b.Text.Contains("MachineFixture", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Language == "bash" && b.Commands.Contains($"dotnet add package {package}"));
        Assert.All(blocks, b => Assert.Contains(b.Language, new[] { "csharp", "bash" }));
    }

    [Fact]
    public void The_configuration_table_lists_every_environment_variable_and_every_timeout_operation()
    {
        var rows = Readme.Text.Split('\n').Where(l => l.StartsWith('|')).ToList();
        var keys = typeof(OrbFixturesConfiguration).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.True(keys.Count >= 11, $"only {keys.Count} keys found by reflection");
        Assert.All(keys, key => Assert.Contains(rows, r => r.Contains($"| `{key}` |", StringComparison.Ordinal)));
        var timeouts = Assert.Single(rows, r => r.Contains($"| `{OrbFixturesConfiguration.TimeoutKeyPrefix}<OPERATION>` |", StringComparison.Ordinal));
        Assert.All(Enum.GetValues<Operation>(), op => Assert.Contains($"`{op.ToString().ToUpperInvariant()}`", timeouts, StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_runsettings_is_valid_and_every_value_in_it_changes_the_options()
    {
        var runSettings = Assert.Single(Readme.In("Configuration"), b => b.Language == "xml");
        var variables = XDocument.Parse(runSettings.Text).Descendants("EnvironmentVariables").Single().Elements()
            .ToDictionary(e => e.Name.LocalName, e => (string?)e.Value, StringComparer.Ordinal);
        var defaults = new OrbFixturesOptions();

        Assert.NotEmpty(variables);
        foreach (var (key, value) in variables)
        {
            var options = OrbFixturesConfiguration.FromEnvironment(defaults, new Dictionary<string, string?> { [key] = value });
            Assert.True(options != defaults, $"{key}={value} from the README's .runsettings changed nothing");
        }
    }

    [Fact]
    public void The_scenario_in_the_README_is_the_file_the_samples_run()
    {
        var scenario = Assert.Single(Readme.In("The simulator"), b => b.Language == "json");

        Assert.Equal(Normalized(Repository.Read("samples/provisioning-hang.json")), Normalized(scenario.Text));
    }

    [Fact]
    public void The_run_report_excerpt_is_what_the_engine_writes_and_its_summary_agrees_with_its_events()
    {
        var excerpt = Assert.Single(Readme.In("Failure diagnostics"), b => b.Language == "json");
        var report = Assert.IsType<JsonObject>(JsonNode.Parse(excerpt.Text));
        Assert.Equal(2, report["version"]!.GetValue<int>());
        var machine = Assert.IsType<JsonObject>(Assert.Single(report["machines"]!.AsArray()));
        var events = machine["events"]!.AsArray().Select(e => e!.Deserialize<MachineEvent>(s_events)!).ToList();

        // Each event, read back into its typed record and written by the one JSON renderer, is the excerpt's text.
        Assert.Equal(machine["events"]!.ToJsonString(), EventJson.ToJson(events).ToJsonString());
        var ready = Assert.Single(events.OfType<MachineReady>());
        Assert.Equal(ready.Via.ToString(), machine["readyVia"]!.GetValue<string>());
        Assert.Equal(ready.After.TotalMilliseconds, machine["readyAfterMs"]!.GetValue<double>(), 1);
        Assert.Equal(events.OfType<HangAdopted>().Count(), machine["hangsAdopted"]!.GetValue<int>());
        Assert.Equal(events.OfType<CreateStarted>().Count(), machine["createAttempts"]!.GetValue<int>());
        Assert.Equal(ready.Id, machine["id"]!.GetValue<string>());
    }

    [Fact]
    public void No_excerpt_is_left_as_a_placeholder()
    {
        Assert.All(Readme.Blocks().Where(b => b.Language is "text" or "json"),
            b => Assert.DoesNotMatch(@"^[A-Z-]+EXCERPT$|^SCENARIO$", b.Text.Trim()));
    }

    // What EventJson writes (camelCase, enums as names, durations in ms), to read the README's events back.
    private static readonly JsonSerializerOptions s_events = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(), new MillisecondsConverter() },
    };

    private sealed class MillisecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromMilliseconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Only reads the README's events.");
    }

    /// <summary>The project directory of <c>dotnet test DIR</c>, e.g. <c>tests/OrbFixtures.Reliability</c>; else null.</summary>
    private static string? TestProjectOf(string command) =>
        command.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["dotnet", "test", var path] && !path.EndsWith(".sln", StringComparison.Ordinal)
            ? path.TrimEnd('/')
            : null;

    /// <summary>The directories of the projects in OrbFixtures.sln, e.g. <c>tests/OrbFixtures.Tests</c>.</summary>
    private static HashSet<string> SolutionProjects() => Repository.Read("OrbFixtures.sln").Split('\n')
        .Where(l => l.StartsWith("Project(", StringComparison.Ordinal) && l.Contains(".csproj", StringComparison.Ordinal))
        .Select(l => l.Split('"')[5].Replace('\\', '/'))
        .Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/'))
        .ToHashSet(StringComparer.Ordinal);

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
