using System.Globalization;

namespace OrbFixtures.Simulator.Guest;

/// <summary>
/// The programs a simulated machine can run. Nothing ever runs on the host: a name that is not listed here is
/// "not found", exactly like a missing binary in the guest.
/// </summary>
internal static partial class GuestPrograms
{
    private delegate int Program(GuestSession session, IReadOnlyList<string> args);

    private static readonly IReadOnlyDictionary<string, Program> s_programs = new Dictionary<string, Program>(StringComparer.Ordinal)
    {
        ["true"] = (_, _) => 0,
        ["false"] = (_, _) => 1,
        ["echo"] = Echo,
        ["pwd"] = (s, _) => Print(s, s.Workdir),
        ["hostname"] = (s, _) => Print(s, s.MachineName),
        ["whoami"] = (s, _) => Print(s, s.User),
        ["id"] = Id,
        ["uname"] = Uname,
        ["nproc"] = (s, _) => Print(s, s.VmCpus.ToString(CultureInfo.InvariantCulture)),
        ["sleep"] = Sleep,
        ["cloud-init"] = CloudInit,
        ["systemctl"] = Systemctl,
        ["cat"] = Cat,
        ["test"] = (s, a) => Test(s, a, bracket: false),
        ["["] = (s, a) => Test(s, a, bracket: true),
        ["ls"] = Ls,
        ["mkdir"] = Mkdir,
        ["rm"] = Rm,
        ["truncate"] = Truncate,
        ["head"] = Head,
        ["seq"] = Seq,
        ["sh"] = Shell,
        ["bash"] = Shell,
    };

    private static readonly string[] s_binDirectories = ["/bin/", "/usr/bin/", "/sbin/", "/usr/sbin/", "/usr/local/bin/"];

    /// <summary>Runs <paramref name="argv"/> in the guest and returns its exit code.</summary>
    public static int Run(GuestSession session, IReadOnlyList<string> argv)
    {
        var name = argv[0];
        foreach (var directory in s_binDirectories)
        {
            if (name.StartsWith(directory, StringComparison.Ordinal)) name = name[directory.Length..];
        }

        if (!s_programs.TryGetValue(name, out var program))
        {
            session.Err.Write($"sh: 1: {argv[0]}: not found\n");
            return 127;
        }

        return program(session, argv.Skip(1).ToList());
    }

    private static int Print(GuestSession session, string line)
    {
        session.Out.Write(line + "\n");
        return 0;
    }

    private static int Fail(GuestSession session, string message, int code = 1)
    {
        session.Err.Write(message + "\n");
        return code;
    }

    private static int Echo(GuestSession session, IReadOnlyList<string> args)
    {
        var newline = !(args.Count > 0 && args[0] == "-n");
        session.Out.Write(string.Join(' ', newline ? args : args.Skip(1)) + (newline ? "\n" : ""));
        return 0;
    }

    private static int Shell(GuestSession session, IReadOnlyList<string> args)
    {
        if (args.Count == 0) return ShellScript.Run(session, session.Stdin);
        if (args[0] == "-c")
            return args.Count > 1 ? ShellScript.Run(session, args[1]) : Fail(session, "sh: 0: -c requires an argument", 2);
        var script = session.Files.ReadText(session.Resolve(args[0]));
        return script is null ? Fail(session, $"sh: 0: cannot open {args[0]}: No such file", 2) : ShellScript.Run(session, script);
    }
}
