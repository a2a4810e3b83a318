namespace OrbFixtures.Simulator.Guest;

/// <summary>Programs that work on the machine's files: <c>cat</c>, <c>test</c>/<c>[</c>, <c>ls</c>, <c>mkdir</c>, <c>rm</c>.</summary>
internal static partial class GuestPrograms
{
    private static int Cat(GuestSession session, IReadOnlyList<string> args)
    {
        if (args.Count == 0) args = ["-"];
        var status = 0;
        foreach (var arg in args)
        {
            if (arg == "-")
            {
                session.Out.Write(session.Stdin);
                continue;
            }

            var path = session.Resolve(arg);
            if (session.Files.ReadText(path) is { } text) session.Out.Write(text);
            else status = Fail(session, session.Files.IsDirectory(path) ? $"cat: {arg}: Is a directory" : $"cat: {arg}: No such file or directory");
        }

        return status;
    }

    private static int Test(GuestSession session, IReadOnlyList<string> args, bool bracket)
    {
        if (bracket)
        {
            if (args.Count == 0 || args[^1] != "]") return Fail(session, "sh: 1: [: missing ]", 2);
            args = args.Take(args.Count - 1).ToList();
        }

        var negate = args.Count > 0 && args[0] == "!";
        if (negate) args = args.Skip(1).ToList();
        bool? result = args switch
        {
            [] => false,
            [var single] => single.Length > 0,
            ["-f", var p] => session.Files.IsFile(session.Resolve(p)),
            ["-d", var p] => session.Files.IsDirectory(session.Resolve(p)),
            ["-e", var p] => session.Files.IsFile(session.Resolve(p)) || session.Files.IsDirectory(session.Resolve(p)),
            ["-n", var s] => s.Length > 0,
            ["-z", var s] => s.Length == 0,
            [var a, "=", var b] => a == b,
            [var a, "!=", var b] => a != b,
            _ => null,
        };
        if (result is null) return Fail(session, $"orbsim: test {string.Join(' ', args)}: expression not simulated", 2);
        return result.Value != negate ? 0 : 1;
    }

    private static int Ls(GuestSession session, IReadOnlyList<string> args)
    {
        var paths = args.Where(a => !a.StartsWith('-')).DefaultIfEmpty(".").ToList();
        var status = 0;
        foreach (var arg in paths)
        {
            var path = session.Resolve(arg);
            if (session.Files.IsDirectory(path))
            {
                if (paths.Count > 1) session.Out.Write($"{arg}:\n");
                foreach (var name in session.Files.List(path)) session.Out.Write(name + "\n");
            }
            else if (session.Files.IsFile(path))
            {
                session.Out.Write(arg + "\n");
            }
            else
            {
                status = Fail(session, $"ls: cannot access '{arg}': No such file or directory", 2);
            }
        }

        return status;
    }

    private static int Mkdir(GuestSession session, IReadOnlyList<string> args)
    {
        var parents = args.Any(a => a is "-p" or "--parents");
        var status = 0;
        foreach (var arg in args.Where(a => !a.StartsWith('-')))
        {
            var path = session.Resolve(arg);
            var parent = path[..Math.Max(path.LastIndexOf('/'), 1)];
            if (session.Files.IsDirectory(path) && parents) continue;
            if (session.Files.IsDirectory(path) || session.Files.IsFile(path))
                status = Fail(session, $"mkdir: cannot create directory '{arg}': File exists");
            else if (!parents && !session.Files.IsDirectory(parent))
                status = Fail(session, $"mkdir: cannot create directory '{arg}': No such file or directory");
            else
                session.Files.CreateDirectory(path);
        }

        return status;
    }

    private static int Rm(GuestSession session, IReadOnlyList<string> args)
    {
        var options = string.Concat(args.Where(a => a.StartsWith('-')).Select(a => a.TrimStart('-')));
        var force = options.Contains('f', StringComparison.Ordinal);
        var recursive = options.Contains('r', StringComparison.Ordinal) || options.Contains('R', StringComparison.Ordinal);
        var status = 0;
        foreach (var arg in args.Where(a => !a.StartsWith('-')))
        {
            var path = session.Resolve(arg);
            if (session.Files.IsDirectory(path) && !recursive)
                status = Fail(session, $"rm: cannot remove '{arg}': Is a directory");
            else if (session.Files.IsDirectory(path) || File.Exists(session.Files.HostPath(path)))
                session.Files.Delete(path);
            else if (!force)
                status = Fail(session, $"rm: cannot remove '{arg}': No such file or directory");
        }

        return status;
    }

    /// <summary><c>truncate -s 0 FILE...</c> (what sealing a template runs on <c>/etc/machine-id</c>); only size 0 is simulated.</summary>
    private static int Truncate(GuestSession session, IReadOnlyList<string> args)
    {
        if (args.Count < 3 || args[0] != "-s" || args[1] != "0")
            return Fail(session, $"orbsim: 'truncate {string.Join(' ', args)}' is not simulated (only 'truncate -s 0 FILE...')", 2);
        foreach (var arg in args.Skip(2)) session.Files.WriteFile(session.Resolve(arg), []);
        return 0;
    }
}
