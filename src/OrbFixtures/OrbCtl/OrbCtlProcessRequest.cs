using CliWrap;

namespace OrbFixtures.OrbCtl;

/// <summary>One process to start: never a shell string, always an executable and an argument list.</summary>
/// <param name="Executable">Path or bare name of <c>orbctl</c>.</param>
/// <param name="Arguments">The arguments after the executable (unredacted: this is what actually runs).</param>
/// <param name="EnvironmentVariables">Variables added to the inherited environment.</param>
/// <param name="StandardInput">Text for stdin, or <see langword="null"/> for an empty, closed stdin.</param>
internal sealed record OrbCtlProcessRequest(
    string Executable,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> EnvironmentVariables,
    string? StandardInput)
{
    /// <summary>Where the output goes: captured up to a cap (the default), or streamed to the caller's targets.</summary>
    public OutputRouting Output { get; init; } = OutputRouting.Captured(OrbCtlClientOptions.DefaultMaxOutputBytes);
}

/// <summary>How one process's stdout and stderr are handled.</summary>
/// <param name="MaxBytes">Bytes of each captured stream kept in the result (head and tail).</param>
/// <param name="StandardOutput">A caller's target that receives all of stdout, or <see langword="null"/>.</param>
/// <param name="StandardError">A caller's target that receives all of stderr, or <see langword="null"/>.</param>
internal sealed record OutputRouting(int MaxBytes, PipeTarget? StandardOutput, PipeTarget? StandardError)
{
    /// <summary>What a streamed command keeps for its result and its record: the first and last 4 KiB of each stream,
    /// enough for orbctl's own error text and the tail shown in diagnostics.</summary>
    public const int StreamedExcerptBytes = 8 * 1024;

    public static OutputRouting Captured(int maxBytes) => new(maxBytes, null, null);

    /// <summary>Bytes kept of stdout: the cap when captured, the excerpt when streamed.</summary>
    public int StandardOutputKept => StandardOutput is null ? MaxBytes : StreamedExcerptBytes;

    /// <summary>Bytes kept of stderr: the cap when captured, the excerpt when streamed.</summary>
    public int StandardErrorKept => StandardError is null ? MaxBytes : StreamedExcerptBytes;
}
