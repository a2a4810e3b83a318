using System.Globalization;

namespace OrbFixtures.Simulator.Guest;

/// <summary>Programs that report on the system: <c>id</c>, <c>uname</c>, <c>sleep</c>, <c>cloud-init</c>, <c>systemctl</c>.</summary>
internal static partial class GuestPrograms
{
    private const string KernelRelease = "6.15.11-orbstack-00539-g9885ebd8e3f4";
    private const string KernelVersion = "#1 SMP Sat Aug 23 09:02:49 UTC 2025";

    private static int Id(GuestSession session, IReadOnlyList<string> args)
    {
        var uid = session.User == "root" ? 0 : 501;
        var options = string.Concat(args.Where(a => a.StartsWith('-')).Select(a => a.TrimStart('-')));
        var name = options.Contains('n', StringComparison.Ordinal);
        if (options.Contains('u', StringComparison.Ordinal) || options.Contains('g', StringComparison.Ordinal))
            return Print(session, name ? session.User : uid.ToString(CultureInfo.InvariantCulture));
        return Print(session, $"uid={uid}({session.User}) gid={uid}({session.User}) groups={uid}({session.User})");
    }

    private static int Uname(GuestSession session, IReadOnlyList<string> args)
    {
        var machine = session.Arch switch { "arm64" => "aarch64", "i386" => "i686", _ => "x86_64" };
        var fields = new (char Flag, string Long, string Value)[]
        {
            ('s', "kernel-name", "Linux"), ('n', "nodename", session.MachineName), ('r', "kernel-release", KernelRelease),
            ('v', "kernel-version", KernelVersion), ('m', "machine", machine), ('o', "operating-system", "GNU/Linux"),
        };
        var wanted = new HashSet<char>();
        foreach (var arg in args)
        {
            if (arg == "--all") wanted.UnionWith(fields.Select(f => f.Flag));
            else if (arg.StartsWith("--", StringComparison.Ordinal) && fields.FirstOrDefault(f => f.Long == arg[2..]) is { Long: not null } named)
                wanted.Add(named.Flag);
            else if (arg.StartsWith('-') && arg.Length > 1 && arg[1..].All(c => c == 'a' || fields.Any(f => f.Flag == c)))
                wanted.UnionWith(arg[1..].SelectMany(c => c == 'a' ? fields.Select(f => f.Flag) : [c]));
            else
                return Fail(session, $"uname: invalid option -- '{arg.TrimStart('-')}'\nTry 'uname --help' for more information.");
        }

        if (wanted.Count == 0) wanted.Add('s');
        return Print(session, string.Join(' ', fields.Where(f => wanted.Contains(f.Flag)).Select(f => f.Value)));
    }

    private static int Sleep(GuestSession session, IReadOnlyList<string> args)
    {
        if (args.Count == 0) return Fail(session, "sleep: missing operand\nTry 'sleep --help' for more information.");
        var total = TimeSpan.Zero;
        foreach (var arg in args)
        {
            var unit = arg.Length > 0 ? arg[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 } : 0;
            var number = unit == 0 ? arg : arg[..^1];
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                return Fail(session, $"sleep: invalid time interval '{arg}'\nTry 'sleep --help' for more information.");
            total += TimeSpan.FromSeconds(value * Math.Max(unit, 1));
        }

        session.Sleep(total);
        return 0;
    }

    /// <summary><c>cloud-init status [--wait]</c>: running until cloud-init finishes (after a cloud clone's first boot), then done.</summary>
    private static int CloudInit(GuestSession session, IReadOnlyList<string> args)
    {
        // `clean` (what sealing a template runs) removes cloud-init's state; a simulated guest keeps none, so it only succeeds.
        if (args.Count > 0 && args[0] == "clean") return 0;
        if (args.Count == 0 || args[0] != "status")
            return Fail(session, $"orbsim: 'cloud-init {string.Join(' ', args)}' is not simulated (only 'cloud-init status [--wait]' and 'cloud-init clean')", 2);
        if (session.CloudInitDoneAt is { } done && session.Now() < done)
        {
            if (!args.Contains("--wait")) return Print(session, "status: running");
            session.WaitUntil(done);
        }

        return Print(session, "status: done");
    }

    private static int Systemctl(GuestSession session, IReadOnlyList<string> args) =>
        args is ["is-system-running", ..]
            ? Print(session, "running")
            : Fail(session, $"orbsim: 'systemctl {string.Join(' ', args)}' is not simulated (only 'systemctl is-system-running')");
}
