using System.Diagnostics;
using System.Text;

namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// Runs a process with an explicit, complete environment (this process's own is never changed), captures stdout and
/// stderr together, and kills the whole tree when it runs past its timeout.
/// </summary>
internal static class ChildProcess
{
    // The outer dotnet test sets MSBuild and VSTest variables for its own children; a nested SDK must find its own,
    // and nothing configured for this run may leak into the scratch runs.
    private static readonly string[] s_strippedPrefixes =
        ["ORBFIXTURES_", "ORBSIM_", "VSTEST_", "MSBuild", "MSBUILD", "_MSBUILD", "NUGET_PACKAGES", "DOTNET_HOST_PATH"];

    public static Dictionary<string, string> BaseEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (s_strippedPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))) continue;
            environment[key] = (string?)entry.Value ?? "";
        }
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        return environment;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        psi.Environment.Clear();
        foreach (var (key, value) in environment) psi.Environment[key] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            lock (output) throw new TimeoutException($"'{program} {string.Join(' ', psi.ArgumentList)}' did not finish within {timeout}:\n{output}");
        }
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Runs <paramref name="arguments"/> and throws with the whole output unless it exits 0.</summary>
    public static async Task<string> RunCheckedAsync(string program, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout)
    {
        var (exitCode, output) = await RunAsync(program, arguments, environment, workingDirectory, timeout);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"'{program} {string.Join(' ', arguments)}' exited {exitCode}:\n{output}");
    }
}
