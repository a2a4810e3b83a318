using OrbFixtures.OrbCtl;

namespace OrbFixtures.Tests.Provisioning.Fakes;

/// <summary>A machine in the fake OrbStack: creating until <see cref="RunningAt"/>, then running, unless forced.</summary>
internal sealed class FakeMachine
{
    public required string Name { get; init; }
    public required string Id { get; set; }
    public required DateTimeOffset RunningAt { get; set; }
    /// <summary>The image name <c>info</c> reports (not the CLI token: <c>archlinux</c> for <c>arch</c>).</summary>
    public string Distro { get; init; } = "ubuntu";
    /// <summary>The resolved version (codename) <c>info</c> reports.</summary>
    public string Version { get; init; } = "plucky";
    public string Arch { get; init; } = "arm64";
    public string? User { get; init; }

    /// <summary>Per-machine settings (<c>config set machine.NAME.KEY</c>), and whether it has been started since it was
    /// made (a clone starts stopped and has not).</summary>
    public Dictionary<string, string> Config { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The template it was cloned from, if any.</summary>
    public string? ClonedFrom { get; init; }

    /// <summary>A state that overrides the timeline (e.g. stopped, or stuck in provisioning).</summary>
    public MachineState? Forced { get; set; }

    public MachineState StateAt(DateTimeOffset now) => Forced ?? (now < RunningAt ? MachineState.Creating : MachineState.Running);
}
