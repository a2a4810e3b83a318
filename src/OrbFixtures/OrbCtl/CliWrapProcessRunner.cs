using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace OrbFixtures.OrbCtl;

/// <summary>Runs <c>orbctl</c> through CliWrap: argv list (no shell), output buffered, non-zero exits returned
/// rather than thrown, and cancellation forceful (the whole process tree is killed, not just signalled).</summary>
internal sealed class CliWrapProcessRunner : IOrbCtlProcessRunner
{
    public static CliWrapProcessRunner Instance { get; } = new();

    public async Task<OrbCtlProcessResult> RunAsync(OrbCtlProcessRequest request, CancellationToken cancellationToken)
    {
        var command = Cli.Wrap(request.Executable)
            .WithArguments(request.Arguments)
            .WithEnvironmentVariables(env =>
            {
                foreach (var (name, value) in request.EnvironmentVariables) env.Set(name, value);
            })
            // A closed stdin also keeps `delete` from ever prompting for confirmation.
            .WithStandardInputPipe(request.StandardInput is null
                ? PipeSource.Null
                : PipeSource.FromString(request.StandardInput, Encoding.UTF8))
            .WithValidation(CommandResultValidation.None);
        // Only a forceful token: orbctl does not act on SIGINT in a useful way, and a graceful-only
        // cancellation would leave a hung process behind (reference/xunit-polly-cliwrap.md §7).
        var result = await command
            .ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, cancellationToken, CancellationToken.None)
            .ConfigureAwait(false);
        return new OrbCtlProcessResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
