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

    /// <summary>Waits for a span of simulated time (the scenario's time scale makes it shorter in real time).</summary>
    public required Action<TimeSpan> Sleep { get; init; }

    /// <summary>The VM's CPU count, which <c>nproc</c> shows whatever the machine's own CPU limit.</summary>
    public required int VmCpus { get; init; }

    /// <summary>When cloud-init finishes in this guest, or null when it already has.</summary>
    public required DateTimeOffset? CloudInitDoneAt { get; init; }

    public required Func<DateTimeOffset> Now { get; init; }

    /// <summary>Waits (really) until the given moment.</summary>
    public required Action<DateTimeOffset> WaitUntil { get; init; }

    public string Home => GuestPath.HomeOf(User);

    /// <summary>The forwarded stdin, read once on first use.</summary>
    public string Stdin => _stdin ??= ReadStdin();

    public string Resolve(string path) => GuestPath.Resolve(Workdir, path);
}
