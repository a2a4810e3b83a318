using System.Collections;

namespace OrbFixtures.Cli;

/// <summary>What the tool runs in: its streams, whether a person can answer a question, its environment, and the
/// clock. Tests run the tool in process with their own host.</summary>
/// <param name="Out">Standard output: the command's result (text or JSON).</param>
/// <param name="Error">Standard error: usage errors and failures.</param>
/// <param name="In">Standard input, for confirmations.</param>
/// <param name="CanPrompt">Whether standard input is a terminal a person can answer on.</param>
/// <param name="Environment">The environment the configuration is read from.</param>
/// <param name="OrbctlEnvironment">Extra variables for <c>orbctl</c> (empty: it inherits this process's environment).</param>
/// <param name="Time">The clock (ages in <c>list</c>).</param>
internal sealed record CliHost(
    TextWriter Out,
    TextWriter Error,
    TextReader In,
    bool CanPrompt,
    IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyDictionary<string, string> OrbctlEnvironment,
    TimeProvider Time)
{
    public static CliHost ForThisProcess()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = entry.Value as string;
        return new CliHost(Console.Out, Console.Error, Console.In, !Console.IsInputRedirected, environment,
            new Dictionary<string, string>(), TimeProvider.System);
    }
}
