namespace OrbFixtures.OrbCtl;

/// <summary>
/// The argv of each operation, from already validated input: flags before positionals, never
/// <c>--</c>, never <c>stop</c> without a name, delete by name with <c>-f</c>, JSON output where parsed.
/// </summary>
internal static class OrbCtlArguments
{
    public static string[] Status() => ["status"];

    public static string[] Version() => ["version"];

    public static string[] StartOrbStack() => ["start"];

    public static string[] List(bool runningOnly) => runningOnly ? ["list", "-f", "json", "-r"] : ["list", "-f", "json"];

    public static string[] Info(string name) => ["info", name, "-f", "json"];

    public static string[] Create(CreateMachineRequest request)
    {
        var argv = new List<string> { "create" };
        if (request.Arch is not null) argv.AddRange(["-a", request.Arch]);
        if (request.User is not null) argv.AddRange(["-u", request.User]);
        if (request.UserDataFile is not null) argv.AddRange(["-c", request.UserDataFile]);
        argv.AddRange(request.Resources.CreateArguments());
        argv.Add(request.Version is null ? request.Distro : $"{request.Distro}:{request.Version}");
        argv.Add(request.Name);
        return [.. argv];
    }

    public static string[] Clone(string source, string name) => ["clone", source, name];

    public static string[] Start(string name) => ["start", name];

    public static string[] Stop(string name) => ["stop", name];

    public static string[] Restart(string name) => ["restart", name];

    public static string[] Delete(string name) => ["delete", "-f", name];

    public static string[] Run(RunCommandRequest request)
    {
        var argv = new List<string> { "run", "-m", request.Machine };
        if (request.User is not null) argv.AddRange(["-u", request.User]);
        if (request.WorkingDirectory is not null) argv.AddRange(["-w", request.WorkingDirectory]);
        // Everything after the program is passed through verbatim by orbctl's run parser.
        argv.AddRange(request.Command);
        return [.. argv];
    }

    public static string[] Push(string machine, string source, string? destination) =>
        destination is null ? ["push", "-m", machine, source] : ["push", "-m", machine, source, destination];

    public static string[] Pull(string machine, string source, string? destination) =>
        destination is null ? ["pull", "-m", machine, source] : ["pull", "-m", machine, source, destination];

    public static string[] ConfigSet(string machine, MachineSetting setting) =>
        ["config", "set", $"machine.{machine}.{setting.KeyText}", setting.Value];

    public static string[] Logs(string name, bool all) => all ? ["logs", "-a", name] : ["logs", name];
}
