using System.Globalization;
using System.Text.RegularExpressions;

namespace OrbFixtures.OrbCtl;

/// <summary>What each operation's finished process means (orbctl prints results to stdout and errors to stderr, exiting 1 on an error; <c>logs</c> and a <c>stop</c> of a stopped OrbStack are the exceptions handled here): exit codes, expected output, and which
/// errors are answers rather than failures. Anything unexpected on success is <see cref="OrbCtlErrorKind.MalformedOutput"/>.</summary>
internal static partial class OperationOutput
{
    [GeneratedRegex(@"^Version: (\S+) \((\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLine();

    /// <summary>A non-zero exit of an operation that has no special exit codes.</summary>
    public static Interpretation<T> Failed<T>(OrbCtlProcessResult r) =>
        Interpretation<T>.Failure(ErrorClassifier.Classify(r.StandardError, r.StandardOutput));

    /// <summary><c>status</c>: exit 0 Running, 2 Starting, 1 Stopped, with the matching word on stdout.</summary>
    public static Interpretation<OrbStackStatus> Status(OrbCtlProcessResult r)
    {
        OrbStackStatus? byCode = r.ExitCode switch
        {
            0 => OrbStackStatus.Running,
            2 => OrbStackStatus.Starting,
            1 => OrbStackStatus.Stopped,
            _ => null,
        };
        if (byCode is { } status && r.StandardOutput.Trim() == status.ToString())
            return Interpretation<OrbStackStatus>.Success(status);
        if (r.ExitCode != 0 && !string.IsNullOrWhiteSpace(r.StandardError)) return Failed<OrbStackStatus>(r);
        return Interpretation<OrbStackStatus>.Failure(OrbCtlErrorKind.MalformedOutput, string.Create(CultureInfo.InvariantCulture,
            $"expected 'Running' (exit 0), 'Stopped' (exit 1) or 'Starting' (exit 2), got exit {r.ExitCode}"));
    }

    /// <summary><c>version</c>: the first line is <c>Version: 2.2.3 (2020300)</c>.</summary>
    public static Interpretation<OrbCtlVersion> Version(OrbCtlProcessResult r)
    {
        if (r.ExitCode != 0) return Failed<OrbCtlVersion>(r);
        var firstLine = r.StandardOutput.TrimStart().Split('\n', 2)[0].TrimEnd('\r', ' ');
        var match = VersionLine().Match(firstLine);
        return match.Success && long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? Interpretation<OrbCtlVersion>.Success(new OrbCtlVersion(match.Groups[1].Value, code))
            : Interpretation<OrbCtlVersion>.Failure(OrbCtlErrorKind.MalformedOutput,
                "expected a first line like 'Version: 2.2.3 (2020300)'");
    }

    /// <summary><c>list -f json</c>.</summary>
    public static Interpretation<IReadOnlyList<MachineInfo>> List(OrbCtlProcessResult r) =>
        r.ExitCode != 0 ? Failed<IReadOnlyList<MachineInfo>>(r) : Parsed(() => MachineJson.ParseList(r.StandardOutput));

    /// <summary><c>info NAME -f json</c>; a missing machine is the answer <see langword="null"/>.</summary>
    public static Interpretation<MachineInfo?> Info(OrbCtlProcessResult r)
    {
        if (r.ExitCode == 0) return Parsed<MachineInfo?>(() => MachineJson.ParseInfo(r.StandardOutput));
        var failed = Failed<MachineInfo?>(r);
        return failed.Error == OrbCtlErrorKind.NotFound
            ? Interpretation<MachineInfo?>.Answer(null, OrbCtlErrorKind.NotFound)
            : failed;
    }

    /// <summary><c>logs</c>: orbctl prints its errors to stdout and still exits 0.</summary>
    public static Interpretation<string> Logs(OrbCtlProcessResult r)
    {
        if (r.ExitCode != 0) return Failed<string>(r);
        return r.StandardOutput.TrimStart().StartsWith("[-32098] ", StringComparison.Ordinal)
            ? Interpretation<string>.Failure(ErrorClassifier.Classify(null, r.StandardOutput))
            : Interpretation<string>.Success(r.StandardOutput);
    }

    /// <summary>Commands that print nothing on success when captured (create, clone, start, push, pull, ...).</summary>
    public static Interpretation<bool> Nothing(OrbCtlProcessResult r, string command)
    {
        if (r.ExitCode != 0) return Failed<bool>(r);
        return string.IsNullOrWhiteSpace(r.StandardOutput)
            ? Interpretation<bool>.Success(true)
            : Interpretation<bool>.Failure(OrbCtlErrorKind.MalformedOutput,
                $"expected no output ('orbctl {command}' prints nothing when its output is captured)");
    }

    /// <summary><c>config set</c>: exit 0 is success whatever it prints (the reference does not say whether it prints a
    /// hint about restarting, so any text is accepted).</summary>
    public static Interpretation<bool> ConfigSet(OrbCtlProcessResult r) =>
        r.ExitCode != 0 ? Failed<bool>(r) : Interpretation<bool>.Success(true);

    /// <summary><c>stop NAME</c>: "OrbStack is not running" (exit 0) means the machine is stopped too.</summary>
    public static Interpretation<bool> Stop(OrbCtlProcessResult r) => Nothing(r, "stop");

    /// <summary><c>restart NAME</c>: "OrbStack is not running" (exit 0) means nothing was restarted.</summary>
    public static Interpretation<bool> Restart(OrbCtlProcessResult r) =>
        r.ExitCode == 0 && r.StandardError.Contains("OrbStack is not running", StringComparison.OrdinalIgnoreCase)
            ? Interpretation<bool>.Failure(OrbCtlErrorKind.DaemonNotRunning)
            : Nothing(r, "restart");

    /// <summary><c>delete -f NAME</c>: true when deleted, false (an answer, not a failure) when already gone.</summary>
    public static Interpretation<bool> Delete(OrbCtlProcessResult r)
    {
        var result = Nothing(r, "delete");
        return result.Error == OrbCtlErrorKind.NotFound
            ? Interpretation<bool>.Answer(false, OrbCtlErrorKind.NotFound)
            : result;
    }

    /// <summary><c>run</c>: the guest's exit code and output are the result, unless orbctl itself failed.</summary>
    public static Interpretation<CommandResult> Run(OrbCtlProcessResult r, TimeSpan duration)
    {
        if (r.ExitCode != 0 && ErrorClassifier.IsOrbCtlOwnRunError(r.StandardError)) return Failed<CommandResult>(r);
        return Interpretation<CommandResult>.Success(new CommandResult(r.ExitCode, r.StandardOutput, r.StandardError, duration)
        {
            StandardOutputDroppedBytes = r.StandardOutputDroppedBytes,
            StandardErrorDroppedBytes = r.StandardErrorDroppedBytes,
        });
    }

    private static Interpretation<T> Parsed<T>(Func<T> parse)
    {
        try { return Interpretation<T>.Success(parse()); }
        catch (FormatException e) { return Interpretation<T>.Failure(OrbCtlErrorKind.MalformedOutput, e.Message); }
    }
}
