using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrbFixtures.Inventory;

namespace OrbFixtures.Cli;

/// <summary>What every command shares: the host, the <c>--json</c> and <c>--settings</c> options, reading the
/// configuration as a test run would, and turning the failures every command can meet into one message and exit code.</summary>
internal sealed class CliContext(CliHost host)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary><c>--json</c>: print JSON instead of text.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the result as JSON (one object) instead of text.",
        Recursive = true,
    };

    /// <summary><c>--settings FILE</c>: read configuration from a runsettings file as the test run would.</summary>
    public static readonly Option<FileInfo?> Settings = new("--settings", "-s")
    {
        Description = "A .runsettings file whose RunConfiguration/EnvironmentVariables apply over the environment, as in " +
                      "`dotnet test --settings FILE`.",
        Recursive = true,
    };

    public CliHost Host => host;

    public TextWriter Out => host.Out;

    /// <summary>The configuration a test run with these settings would use.</summary>
    public EffectiveConfiguration Configuration(ParseResult parsed) => EffectiveConfiguration.Read(
        host.Environment,
        parsed.GetValue(Settings)?.FullName,
        new OrbFixturesOptions { OrbctlEnvironment = host.OrbctlEnvironment });

    /// <summary>Writes <paramref name="json"/> to standard output.</summary>
    public void WriteJson(JsonNode json) => host.Out.WriteLine(json.ToJsonString(s_json));

    /// <summary>Runs a command body, turning the failures every command can meet into a message on standard error and
    /// the documented exit code.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OrbFixturesConfigurationException e)
        {
            return Fail(ExitCodes.Usage, e.Message);
        }
        catch (InvalidDataException e) when (e.Message.Contains("runsettings", StringComparison.Ordinal))
        {
            return Fail(ExitCodes.Usage, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(ExitCodes.Problem, e.Message);
        }
        catch (OrbCtlException e)
        {
            return Fail(ExitCodes.OrbctlUnavailable, e.Message);
        }
    }

    /// <summary>Writes <c>orbfixtures: MESSAGE</c> to standard error and returns <paramref name="exitCode"/>.</summary>
    public int Fail(int exitCode, string message)
    {
        host.Error.WriteLine($"orbfixtures: {message}");
        return exitCode;
    }
}
