using System.Diagnostics.Contracts;
using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>
/// An immutable description of a machine a test needs. Build it fluently:
/// <code>MachineSpec.Create("db", "ubuntu:22.04").WithUser("app").WithReadinessProbe("cloud-init", "status", "--wait")</code>
/// Every <c>With…</c> method returns a new instance. <see cref="Validate"/> rejects what cannot be passed to orbctl;
/// which distros and versions exist is orbctl's to say.
/// </summary>
public sealed record MachineSpec
{
    private MachineSpec(string logicalName, string distro, string? version)
    {
        LogicalName = logicalName;
        Distro = distro;
        Version = version;
    }

    /// <summary>The name tests use for the machine; the real name adds a prefix and this session's id.</summary>
    public string LogicalName { get; private init; }

    /// <summary>The CLI distro token, e.g. <c>ubuntu</c>.</summary>
    public string Distro { get; private init; }

    /// <summary>The version or codename, e.g. <c>22.04</c> or <c>jammy</c>; <see langword="null"/> for the latest.</summary>
    public string? Version { get; private init; }

    /// <summary>The architecture (<c>arm64</c>, <c>amd64</c>, <c>i386</c>); <see langword="null"/> for the native one.</summary>
    public string? Arch { get; private init; }

    /// <summary>The default Linux user's name; <see langword="null"/> for the host user's name.</summary>
    public string? User { get; private init; }

    /// <summary>Cloud-init user data given as text. A secret: never written to histories, reports or logs.</summary>
    public string? UserData { get; private init; }

    /// <summary>Path of a cloud-init user-data file. Its content is a secret, like <see cref="UserData"/>.</summary>
    public string? UserDataFile { get; private init; }

    /// <summary>The command that must exit 0 before the machine counts as ready.</summary>
    /// <value>The default value is <c>true</c> (a plain <c>orbctl run -m NAME true</c>).</value>
    public IReadOnlyList<string> ReadinessProbe { get; private init; } = ["true"];

    /// <summary>This machine's cleanup policy; <see langword="null"/> to use the configured default.</summary>
    public CleanupPolicy? Cleanup { get; private init; }

    /// <summary>Values that must never be shown or stored (e.g. a password in the readiness probe): replaced by
    /// <c>***</c> wherever the machine's probe, commands and output are recorded (see <see cref="RunOptions.Secrets"/>).</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Secrets { get; private init; } = [];

    /// <summary>Whether the machine is kept at the end and adopted by a later run whose spec matches (opt-in).</summary>
    public bool Reuse { get; private init; }

    /// <summary>What must hold, in order, after the readiness probe passes, before the machine counts as ready
    /// (<see cref="WaitFor"/>); checked after every start of the machine.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<WaitStrategy> WaitStrategies { get; private init; } = [];

    /// <summary>Starts a spec for <paramref name="logicalName"/> from <c>DISTRO[:VERSION]</c>, e.g. <c>ubuntu:22.04</c>.</summary>
    public static MachineSpec Create(string logicalName, string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var colon = image.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new MachineSpec(logicalName, image, null)
            : new MachineSpec(logicalName, image[..colon], image[(colon + 1)..]);
    }

    /// <summary>Returns a copy that uses the given architecture.</summary>
    [Pure] public MachineSpec WithArch(string arch) => this with { Arch = arch };

    /// <summary>Returns a copy whose default Linux user has the given name.</summary>
    [Pure] public MachineSpec WithUser(string user) => this with { User = user };

    /// <summary>Returns a copy that provisions with this cloud-init user data (text; kept secret).</summary>
    [Pure] public MachineSpec WithUserData(string userData) => this with { UserData = userData, UserDataFile = null };

    /// <summary>Returns a copy that provisions with the cloud-init user data in this file (content kept secret).</summary>
    [Pure] public MachineSpec WithUserDataFile(string path) => this with { UserDataFile = path, UserData = null };

    /// <summary>Returns a copy whose readiness probe is the given command (argv, run inside the machine): the first
    /// wait strategy, a <see cref="WaitFor.Command"/> that must exit 0.</summary>
    [Pure] public MachineSpec WithReadinessProbe(params string[] command) => this with { ReadinessProbe = [.. command] };

    /// <summary>Returns a copy that also redacts <paramref name="secrets"/> (see <see cref="Secrets"/>).</summary>
    [Pure] public MachineSpec WithSecrets(params string[] secrets) => this with { Secrets = [.. Secrets, .. secrets] };

    /// <summary>The redactor of this spec's secrets.</summary>
    internal SecretRedactor Redactor => new(Secrets);

    /// <summary>Returns a copy with its own cleanup policy.</summary>
    [Pure] public MachineSpec WithCleanup(CleanupPolicy policy) => this with { Cleanup = policy };

    /// <summary>Returns a copy that is (or is not) reused across runs.</summary>
    [Pure] public MachineSpec WithReuse(bool reuse = true) => this with { Reuse = reuse };

    /// <summary>Returns a copy that also waits for <paramref name="strategies"/>, in order, after those it already has,
    /// e.g. <c>spec.WithWaitFor(WaitFor.CloudInit(), WaitFor.SystemdUnit("nginx"), WaitFor.Http(80, "/health"))</c>.</summary>
    /// <exception cref="ArgumentException">A strategy is <see langword="null"/>.</exception>
    [Pure]
    public MachineSpec WithWaitFor(params WaitStrategy[] strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        if (strategies.Any(s => s is null)) throw new ArgumentException("A wait strategy is null; make each with WaitFor.", nameof(strategies));
        return this with { WaitStrategies = [.. WaitStrategies, .. strategies] };
    }

    /// <summary>Every readiness check in order: the readiness probe (as <see cref="WaitFor.Command"/>), then
    /// <see cref="WaitStrategies"/>.</summary>
    internal IReadOnlyList<WaitStrategy> Readiness => [new CommandWait(ReadinessProbe), .. WaitStrategies];

    /// <summary>The CPU limit; <see langword="null"/> for OrbStack's default (all cores).</summary>
    public int? Cpus => Resources.Cpus;

    /// <summary>The memory limit in MiB; <see langword="null"/> for OrbStack's default.</summary>
    public int? MemoryMib => Resources.MemoryMib;

    /// <summary>The disk limit in GiB; <see langword="null"/> for OrbStack's default (unlimited).</summary>
    public int? DiskGib => Resources.DiskGib;

    /// <summary>Whether the machine is isolated (no host file sharing or host commands; OrbStack 2.1+).</summary>
    public bool Isolated => Resources.Isolated || Resources.IsolateNetwork;

    /// <summary>Whether the machine is also cut off from the host network.</summary>
    public bool IsolateNetwork => Resources.IsolateNetwork;

    /// <summary>The template this machine is cloned from, or <see langword="null"/> for a machine created from its image
    /// (<see cref="FromTemplate"/>).</summary>
    public MachineTemplate? Template { get; private init; }

    /// <summary>Limits and isolation, one value for the spec and its template.</summary>
    internal MachineResources Resources { get; private init; } = MachineResources.Default;

    /// <summary>Returns a copy limited to <paramref name="cpus"/> CPUs (at least 1, at most the host's cores).</summary>
    [Pure] public MachineSpec WithCpus(int cpus) => this with { Resources = Resources with { Cpus = cpus } };

    /// <summary>Returns a copy limited to <paramref name="mebibytes"/> MiB of memory (e.g. 4096 for 4 GiB).</summary>
    [Pure] public MachineSpec WithMemory(int mebibytes) => this with { Resources = Resources with { MemoryMib = mebibytes } };

    /// <summary>Returns a copy limited to <paramref name="gibibytes"/> GiB of disk.</summary>
    [Pure] public MachineSpec WithDisk(int gibibytes) => this with { Resources = Resources with { DiskGib = gibibytes } };

    /// <summary>Returns an isolated copy (OrbStack's <c>--isolated</c>: no <c>/mnt/mac</c>, no host commands), also cut
    /// off from the host network when <paramref name="network"/> is <see langword="true"/> (<c>--isolate-network</c>).
    /// Isolation is not a security boundary: all machines share one kernel.</summary>
    [Pure]
    public MachineSpec WithIsolation(bool network = false) =>
        this with { Resources = Resources with { Isolated = true, IsolateNetwork = network } };

    /// <summary>The spec <c>create</c> runs with when a template's recipe is made from scratch: its user data included.</summary>
    internal MachineSpec FromScratch() => this with { UserData = Template?.UserData, UserDataFile = null };

    /// <summary>Returns a copy with the given limits and isolation.</summary>
    internal MachineSpec WithResources(MachineResources resources) => this with { Resources = resources };

    /// <summary>A spec for <paramref name="logicalName"/> that is a copy-on-write clone of <paramref name="template"/>:
    /// the template machine is built once (create, setup steps, seal, stop) and shared; this machine is cloned from it,
    /// configured (resources set on this spec with <c>WithCpus</c> and the like override the template's) and started.
    /// With <c>ORBFIXTURES_TEMPLATES=off</c> the same recipe is created from scratch instead.</summary>
    public static MachineSpec FromTemplate(MachineTemplate template, string logicalName)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new MachineSpec(logicalName, template.Distro, template.Version)
        {
            Arch = template.Arch,
            User = template.User,
            Template = template,
            Resources = template.Resources,
        };
    }

    /// <summary>The image as orbctl takes it: <c>DISTRO</c> or <c>DISTRO:VERSION</c>.</summary>
    public string Image => Version is null ? Distro : $"{Distro}:{Version}";

    /// <summary>
    /// Throws <see cref="ArgumentException"/> with an actionable message, naming the value and the rule, when this spec
    /// cannot be passed to orbctl: an invalid logical name, a distro or version that is not one plain word, an unknown
    /// architecture, an invalid user name, an empty or dash-leading probe, or a user-data file that cannot be read.
    /// A well-formed distro that OrbFixtures does not know passes: orbctl decides, and its rejection (unknown distro,
    /// missing image, no cloud-init) fails provisioning at once with a hint listing the distros OrbFixtures knows.
    /// </summary>
    public void Validate() => MachineSpecValidation.Validate(this);

    /// <summary>Everything that shapes the machine, as one string (secret user data included, so it is never shown or
    /// stored: <see cref="Ownership.SpecHasher"/> persists only a keyed hash of it). The image is what the spec says
    /// (an omitted version is empty, never looked up): what "latest" means moves with OrbStack releases, and a table
    /// of it in OrbFixtures would go stale.</summary>
    internal string CanonicalShape()
    {
        var userData = UserData ?? (UserDataFile is null ? "" : File.ReadAllText(UserDataFile));
        var shape = string.Join('\u001f', Distro, Version ?? "", Arch ?? "", User ?? "", userData,
            string.Join('\u001e', ReadinessProbe));
        // Appended only when present, so the hashes of specs without resources or a template stay what they were.
        if (Resources.Canonical() is { Length: > 0 } resources) shape += "\u001f" + resources;
        if (Template is not null) shape += "\u001ftemplate\u001f" + Template.CanonicalShape();
        return shape;
    }

    /// <summary>Describes the spec without secrets.</summary>
    public override string ToString() =>
        $"{LogicalName} ({Image}{(Arch is null ? "" : $", {Arch}")}{(User is null ? "" : $", user {User}")}" +
        $"{(UserData is null && UserDataFile is null ? "" : ", cloud-init")}{(Reuse ? ", reuse" : "")}" +
        $"{(Resources == MachineResources.Default ? "" : $", {Resources}")}{(Template is null ? "" : $", from template '{Template.LogicalName}'")})";
}
