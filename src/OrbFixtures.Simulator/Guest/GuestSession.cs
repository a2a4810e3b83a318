namespace OrbFixtures.Simulator.Guest;

/// <summary>Everything a guest program sees: who and where it runs, the machine's files, and its stdio.</summary>
internal sealed class GuestSession
{
    private string? _stdin;

    public required string MachineName { get; init; }

    /// <summary>The machine's architecture as OrbStack names it (arm64, amd64, i386).</summary>
    public required string Arch { get; init; }

    public required string User { get; init; }

    /// <summary>The current directory; <c>cd</c> in a shell script changes it.</summary>
    public required string Workdir { get; set; }

    public required GuestFileSystem Files { get; init; }

    public required TextWriter Out { get; init; }

    public required TextWriter Err { get; init; }

    public required Func<string> ReadStdin { get; init; }

    public required Action<TimeSpan> Sleep { get; init; }

    public string Home => GuestPath.HomeOf(User);

    /// <summary>The forwarded stdin, read once on first use.</summary>
    public string Stdin => _stdin ??= ReadStdin();

    public string Resolve(string path) => GuestPath.Resolve(Workdir, path);
}
