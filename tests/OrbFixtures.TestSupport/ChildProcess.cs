using System.Diagnostics;
using System.Text;

namespace OrbFixtures.TestSupport;

/// <summary>
/// Runs a child process (a nested <c>dotnet</c>, a README script) with an explicit, complete environment (this
/// process's own is never changed), captures stdout and stderr together, times it, and kills the whole tree when it
/// runs past its timeout. Standard input is closed, so a child that asks for input ends instead of waiting.
/// </summary>
public static class ChildProcess
{
    /// <summary>The <c>dotnet</c> that runs this process (so child builds use the same SDK).</summary>
    public static string Dotnet { get; } =
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// This process's environment without the variables whose names start with one of <paramref name="strippedPrefixes"/>
    /// (the outer <c>dotnet test</c> sets MSBuild and VSTest variables for its own children, and nothing configured for
    /// this run may leak into a nested one), plus the SDK's quiet-mode variables.
    /// </summary>
    public static Dictionary<string, string> Environment(IReadOnlyCollection<string> strippedPrefixes)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (strippedPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))) continue;
            environment[key] = (string?)entry.Value ?? "";
        }
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        return environment;
    }

    /// <summary>Runs <paramref name="program"/> to its end; throws <see cref="TimeoutException"/> (with the output so far)
    /// after killing its process tree when it runs longer than <paramref name="timeout"/>.</summary>
    public static async Task<ChildProcessResult> RunAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
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
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
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
        var elapsed = stopwatch.Elapsed;
        lock (output) return new ChildProcessResult(process.ExitCode, output.ToString(), elapsed);
    }

    /// <summary>Runs <paramref name="arguments"/> and returns the output; throws with the whole output unless it exits 0.</summary>
    public static async Task<string> RunCheckedAsync(string program, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout)
    {
        var result = await RunAsync(program, arguments, environment, workingDirectory, timeout);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"'{program} {string.Join(' ', arguments)}' exited {result.ExitCode}:\n{result.Output}");
    }
}

/// <summary>How a child process ended: its exit code, its stdout and stderr interleaved by line, and how long it ran.</summary>
public sealed record ChildProcessResult(int ExitCode, string Output, TimeSpan Elapsed);
