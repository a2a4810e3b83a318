using System.Globalization;
using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Images;
using OrbFixtures.Simulator.Scenario;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// <c>orbctl create [-a ARCH] [-u USER] [-c FILE] [-p] [--cpus N] [--memory SIZE] [--disk SIZE] [--isolated]
/// [--isolate-network] DISTRO[:VERSION] [NAME]</c>: records the machine as creating, then blocks until it is running
/// (creating → provisioning → running, timed by the scenario). The resource and isolation flags are OrbStack 2.2's.
/// </summary>
internal sealed class CreateCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "create",
        Use = "[flags] DISTRO[:VERSION] [MACHINE_NAME]",
        Aliases = ["add", "new"],
        Short = "Create a new machine",
        Long = """
            Create a new machine with the specified distribution.

            Version is optional; the latest stable version will be used if not specified.
            To remove a machine, use "orbctl delete".

            By default, a Linux user will be created with the same name as your macOS user. Use "--user" to change the name, and "--set-password" to set a password for both this user and root.

            Supported distros: alma  alpine  arch  centos  debian  devuan  fedora  gentoo  kali  nixos  openeuler  opensuse  oracle  rocky  ubuntu  void
            Supported CPU architectures: arm64  amd64
            """,
        Example = "  orb create -a arm64 ubuntu:mantic\n  orb create -a amd64 fedora foo",
        Args = ArgsRule.Range(1, 2),
        Flags =
        [
            FlagSpec.String("user", 'u', "Username for the default user"),
            FlagSpec.Bool("set-password", 'p', "Set a password for the default user"),
            FlagSpec.String("arch", 'a', "Override the default architecture"),
            FlagSpec.String("user-data", 'c', "Path to Cloud-init user data file (for automatic setup)"),
            FlagSpec.Int("cpus", null, "CPU limit (number of cores)"),
            FlagSpec.String("memory", null, "Memory limit (e.g. 4G, 2048M)"),
            FlagSpec.String("disk", null, "Disk size limit (e.g. 64G)"),
            FlagSpec.Bool("isolated", null, "Isolate the machine from macOS (no file sharing or integration)"),
            FlagSpec.Bool("isolate-network", null, "Isolate the machine from the host and local network"),
        ],
    };

    public override void Validate(ParsedArgs args, CommandContext context)
    {
        if (args.Value("arch") is { Length: > 0 } arch && !DistroCatalog.ArchitecturesFor(context.Scenario.HostArch).Contains(arch))
            throw UsageError($"invalid architecture: {arch}");
        var token = args.Positionals[0].Split(':', 2)[0];
        if (DistroCatalog.ByToken(token) is null) throw UsageError($"invalid distro: {token}");
        _ = Settings(args, context);
        if (args.Value("user-data") is { Length: > 0 } path && !File.Exists(path))
            throw new CommandFailedException($"open {path}: no such file or directory");
    }

    public override IReadOnlyList<string> Targets(ParsedArgs args, CommandContext context) => [NameOf(args)];

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        if (args.IsSet("set-password")) PromptForPassword(context);
        context.Service.EnsureRunning();

        var name = NameOf(args);
        var parts = args.Positionals[0].Split(':', 2);
        var distro = DistroCatalog.ByToken(parts[0])!;
        var cloudInit = args.Value("user-data") is { Length: > 0 };
        var request = new MachineRecord
        {
            Name = name,
            Distro = distro.ImageName,
            Version = parts.Length > 1 ? distro.ResolveVersion(parts[1]) : distro.LatestVersion,
            Arch = args.Value("arch") is { Length: > 0 } arch ? arch : context.Scenario.HostArch,
            Variant = cloudInit ? "cloud" : distro.DefaultVariant,
            DefaultUsername = args.Value("user") is { Length: > 0 } user ? user : context.HostUser,
            Settings = Settings(args, context),
        };
        var created = context.Store.Update((document, now) => Insert(document, now, request, distro, cloudInit, context.Scenario.Durations));

        if (context.Fault?.Rule.Action == FaultAction.HangAfterCreate) context.HangForever();
        WaitUntilRunning(context, created.Id, name);
        return 0;
    }

    /// <summary>The 2.2 resource and isolation flags as machine settings; unset flags mean no limit.</summary>
    private static MachineSettings Settings(ParsedArgs args, CommandContext context)
    {
        var cpus = 0;
        if (args.Value("cpus") is { } cpuFlag)
        {
            var requested = long.Parse(cpuFlag, CultureInfo.InvariantCulture);
            ResourceLimits.CheckCpus(requested, context.Scenario.HostCpus);
            cpus = (int)requested;
        }

        return new MachineSettings
        {
            Cpus = cpus,
            MemoryMib = args.Value("memory") is { } memory ? ResourceLimits.ParseSizeMib(memory) : 0,
            DiskBytes = args.Value("disk") is { } disk ? ResourceLimits.ParseSizeBytes(disk) : 0,
            Isolated = args.IsSet("isolated"),
            IsolateNetwork = args.IsSet("isolate-network"),
        };
    }

    private static string NameOf(ParsedArgs args) =>
        args.Positionals.Count > 1 ? args.Positionals[1] : args.Positionals[0].Split(':', 2)[0];

    /// <summary>The daemon's checks, in its order, then the new record (under the state lock, so one of two racing creates wins).</summary>
    private static MachineRecord Insert(
        StateDocument document, DateTimeOffset now, MachineRecord request, Distro distro, bool cloudInit, Durations durations)
    {
        var name = request.Name;
        if (!MachineNames.IsValid(name))
            throw new CommandFailedException($"[-32098] create '{name}': invalid machine name '{name}'");
        if (document.FindByName(name) is not null)
            throw new CommandFailedException($"[-32098] create '{name}': machine already exists: '{name}'");
        if (cloudInit && !distro.SupportsCloudInit)
            throw new CommandFailedException($"[-32098] create '{name}': cloud-init not supported for '{distro.ImageName}'");
        if (!distro.Versions.Contains(request.Version))
            throw new CommandFailedException(
                $"[-32098] create '{name}': make rootfs: image not found: {{{distro.ImageName} {request.Version} {request.Arch} {request.Variant}}}");

        request.Id = Ulid.New(now);
        request.CreatedAt = now;
        request.Boot();

        // With -c, initial setup waits for cloud-init to finish (`cloud-init status --wait`), so it is part of provisioning.
        var setup = durations.Provisioning + (cloudInit ? durations.CloudInit : 0);
        request.Transition(now, MachineStates.Running, (MachineStates.Creating, durations.Create), (MachineStates.Provisioning, setup));
        if (document.Machines.Count == 0) document.DefaultMachineId = request.Id;
        document.Machines.Add(request);
        return request;
    }

    /// <summary>Polls the record so that a machine deleted or stopped during setup fails this create, as the daemon does.</summary>
    private static void WaitUntilRunning(CommandContext context, string id, string name)
    {
        var poll = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var (state, settledAt) = context.Store.Read((document, now) =>
                document.FindById(id) is { } m ? (m.StateAt(now), m.SettledAt) : (MachineStates.Deleted, now));
            switch (state)
            {
                case MachineStates.Creating or MachineStates.Provisioning:
                    var remaining = settledAt - context.Clock.GetUtcNow();
                    context.Sleep(remaining < poll ? remaining + TimeSpan.FromMilliseconds(1) : poll);
                    break;
                case MachineStates.Deleting or MachineStates.Deleted:
                    throw new CommandFailedException($"[-32098] create '{name}': setup: do initial setup: canceled by machine shutdown");
                default:
                    return;
            }
        }
    }

    /// <summary>orbctl reads the password from the terminal; without one (captured stdin) the read fails.</summary>
    private static void PromptForPassword(CommandContext context)
    {
        context.Out.Write("Password for Linux user: ");
        context.Out.Flush();
        if (!context.StdinIsTerminal) throw new CommandFailedException("inappropriate ioctl for device");
        _ = context.ReadLine();
        context.Out.Write("\n");
    }
}
