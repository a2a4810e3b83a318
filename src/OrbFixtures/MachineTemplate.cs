using System.Diagnostics.Contracts;
using System.Globalization;

namespace OrbFixtures;

/// <summary>
/// An immutable, content-addressed recipe for a golden machine: a base image, a user, cloud-init user data, setup steps
/// run in order (each with its own timeout) and resources. The first session that needs it builds the template machine
/// <c>&lt;prefix&gt;-tpl-&lt;logical&gt;-&lt;hash&gt;</c> once (create, setup steps, seal, stop), and every machine made
/// with <see cref="MachineSpec.FromTemplate"/> is a copy-on-write clone of it:
/// <code>
/// var baked = MachineTemplate.Create("web-base", "ubuntu:24.04").WithSetupStep("sh", "-c", "apt-get update &amp;&amp; apt-get install -y nginx");
/// var web = MachineSpec.FromTemplate(baked, "web").WithCpus(2);
/// </code>
/// The hash covers everything that shapes the machine (image, user, user data, the steps' commands in order,
/// resources) and <see cref="FormatVersion"/>; a step's timeout and the logical name do not change what is built, so
/// they do not change the hash. Templates persist across runs and are collected when unused (see the README).
/// </summary>
public sealed record MachineTemplate
{
    /// <summary>The version of how templates are built and sealed; part of every template's hash, so a change of the
    /// build makes new templates instead of reusing ones built the old way.</summary>
    public const int FormatVersion = 1;

    /// <summary>The timeout of a setup step given without one: 10 minutes (the default of <c>run</c>).</summary>
    public static readonly TimeSpan DefaultStepTimeout = TimeSpan.FromMinutes(10);

    private MachineTemplate(string logicalName, string distro, string? version)
    {
        LogicalName = logicalName;
        Distro = distro;
        Version = version;
    }

    /// <summary>The template's name in tests and in its machine name.</summary>
    public string LogicalName { get; private init; }

    /// <summary>The CLI distro token, e.g. <c>ubuntu</c>.</summary>
    public string Distro { get; private init; }

    /// <summary>The version or codename; <see langword="null"/> for the latest. Pin it: "latest" moves with OrbStack
    /// releases, and a template built from it would silently differ from one built later.</summary>
    public string? Version { get; private init; }

    /// <summary>The architecture; <see langword="null"/> for the native one.</summary>
    public string? Arch { get; private init; }

    /// <summary>The default Linux user's name; <see langword="null"/> for the host user's name.</summary>
    public string? User { get; private init; }

    /// <summary>Cloud-init user data (a secret: only its keyed hash is ever stored). It runs once, when the template is
    /// built; sealing cleans cloud-init so that it does not run again in the clones.</summary>
    public string? UserData { get; private init; }

    /// <summary>The setup steps, run in order as root when the template is built.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<TemplateSetupStep> SetupSteps { get; private init; } = [];

    /// <summary>The template machine's limits and isolation, inherited by its clones.</summary>
    internal MachineResources Resources { get; private init; } = MachineResources.Default;

    /// <summary>The CPU limit of the template (and its clones, unless a spec overrides it).</summary>
    public int? Cpus => Resources.Cpus;

    /// <summary>The memory limit in MiB.</summary>
    public int? MemoryMib => Resources.MemoryMib;

    /// <summary>The disk limit in GiB.</summary>
    public int? DiskGib => Resources.DiskGib;

    /// <summary>Whether the template (and so its clones) is isolated.</summary>
    public bool Isolated => Resources.Isolated || Resources.IsolateNetwork;

    /// <summary>Whether the template (and so its clones) is cut off from the host network.</summary>
    public bool IsolateNetwork => Resources.IsolateNetwork;

    /// <summary>The image as orbctl takes it: <c>DISTRO</c> or <c>DISTRO:VERSION</c>.</summary>
    public string Image => Version is null ? Distro : $"{Distro}:{Version}";

    /// <summary>Starts a template named <paramref name="logicalName"/> from <c>DISTRO[:VERSION]</c>.</summary>
    public static MachineTemplate Create(string logicalName, string image)
    {
        // DISTRO[:VERSION] is read exactly as a spec reads it.
        var parsed = MachineSpec.Create(logicalName, image);
        return new MachineTemplate(logicalName, parsed.Distro, parsed.Version);
    }

    /// <summary>Returns a copy that uses the given architecture.</summary>
    [Pure] public MachineTemplate WithArch(string arch) => this with { Arch = arch };

    /// <summary>Returns a copy whose default Linux user has the given name.</summary>
    [Pure] public MachineTemplate WithUser(string user) => this with { User = user };

    /// <summary>Returns a copy built with this cloud-init user data (kept secret).</summary>
    [Pure] public MachineTemplate WithUserData(string userData) => this with { UserData = userData };

    /// <summary>Returns a copy with one more setup step (argv, run as root) that may take up to
    /// <see cref="DefaultStepTimeout"/>.</summary>
    [Pure] public MachineTemplate WithSetupStep(params string[] command) => WithSetupStep(DefaultStepTimeout, command);

    /// <summary>Returns a copy with one more setup step (argv, run as root) that may take up to <paramref name="timeout"/>.</summary>
    [Pure]
    public MachineTemplate WithSetupStep(TimeSpan timeout, params string[] command) =>
        this with { SetupSteps = [.. SetupSteps, new TemplateSetupStep([.. command ?? []], timeout)] };

    /// <summary>Returns a copy limited to <paramref name="cpus"/> CPUs.</summary>
    [Pure] public MachineTemplate WithCpus(int cpus) => this with { Resources = Resources with { Cpus = cpus } };

    /// <summary>Returns a copy limited to <paramref name="mebibytes"/> MiB of memory.</summary>
    [Pure] public MachineTemplate WithMemory(int mebibytes) => this with { Resources = Resources with { MemoryMib = mebibytes } };

    /// <summary>Returns a copy limited to <paramref name="gibibytes"/> GiB of disk.</summary>
    [Pure] public MachineTemplate WithDisk(int gibibytes) => this with { Resources = Resources with { DiskGib = gibibytes } };

    /// <summary>Returns an isolated copy, also without host network access when <paramref name="network"/> is set.</summary>
    [Pure]
    public MachineTemplate WithIsolation(bool network = false) =>
        this with { Resources = Resources with { Isolated = true, IsolateNetwork = network } };

    /// <summary>Throws <see cref="ArgumentException"/> naming the value and the rule when the template cannot be built:
    /// the rules of <see cref="MachineSpec.Validate"/>, plus setup steps that are valid commands with timeouts from
    /// 10 ms to 24 h.</summary>
    public void Validate() => MachineTemplateValidation.Validate(this);

    /// <summary>Everything that shapes the template machine, as one string (secret user data included; only a keyed
    /// hash of it is stored). Step timeouts and the logical name are left out: they do not change what is built.</summary>
    internal string CanonicalShape() => string.Join('\u001f',
        "template-format-" + FormatVersion.ToString(CultureInfo.InvariantCulture), Distro, Version ?? "", Arch ?? "", User ?? "",
        UserData ?? "", Resources.Canonical(),
        string.Join('\u001d', SetupSteps.Select(s => string.Join('\u001e', s.Command))));

    /// <summary>The spec of the template machine itself: created from the image with the template's user data and
    /// resources; ready once cloud-init has finished when there is user data.</summary>
    internal MachineSpec BuildSpec(string logicalName)
    {
        var spec = MachineSpec.Create(logicalName, Image);
        if (Arch is not null) spec = spec.WithArch(Arch);
        if (User is not null) spec = spec.WithUser(User);
        if (UserData is not null) spec = spec.WithUserData(UserData).WithReadinessProbe("cloud-init", "status", "--wait");
        return spec.WithResources(Resources);
    }

    /// <summary>Describes the template without secrets.</summary>
    public override string ToString() =>
        $"template {LogicalName} ({Image}{(Arch is null ? "" : $", {Arch}")}{(User is null ? "" : $", user {User}")}" +
        $"{(UserData is null ? "" : ", cloud-init")}, {SetupSteps.Count} setup step{(SetupSteps.Count == 1 ? "" : "s")}" +
        $"{(Resources == MachineResources.Default ? "" : $", {Resources}")})";
}

/// <summary>One setup step of a <see cref="MachineTemplate"/>: a command run as root while the template is built.</summary>
/// <param name="Command">The argv, program first.</param>
/// <param name="Timeout">How long it may run.</param>
public sealed record TemplateSetupStep(IReadOnlyList<string> Command, TimeSpan Timeout)
{
    /// <summary>The command as one line.</summary>
    public override string ToString() => string.Join(' ', Command);
}
