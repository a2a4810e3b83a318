using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Commands;
using OrbFixtures.Simulator.Logging;
using OrbFixtures.Simulator.Scenario;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator;

/// <summary>
/// One run of the simulated orbctl: load the scenario, find and parse the subcommand the way cobra does, pick the
/// scenario fault (if any), log the start, then either apply the fault or run the command.
/// </summary>
internal sealed class Invocation(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr, TimeProvider clock, InvocationLog log)
{
    private readonly IReadOnlyList<OrbctlCommand> _commands = CommandCatalog.Create();

    /// <summary>The fault applied, once known (recorded in the end line of the log).</summary>
    public string? FaultName { get; private set; }

    public int Run()
    {
        var scenarioPath = Environment.GetEnvironmentVariable("ORBSIM_SCENARIO");
        SimulationScenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(scenarioPath, name => CommandCatalog.CanonicalName(_commands, name));
        }
        catch (ScenarioException e)
        {
            stderr.Write($"orbsim: invalid scenario '{scenarioPath}': {e.Message}\n");
            return 2;
        }

        var store = new StateStore(HomeDirectory(), clock);
        var service = new OrbStackService(store, scenario, CommandContext.Pause, OrbStackService.Observe(store, scenario.Daemon));
        var context = new CommandContext
        {
            Scenario = scenario,
            Store = store,
            Service = service,
            Clock = clock,
            Out = stdout,
            Err = stderr,
            ReadStdin = () => Console.In.ReadToEnd(),
            ReadLine = Console.In.ReadLine,
            StdinIsTerminal = !Console.IsInputRedirected,
            StdoutIsTerminal = !Console.IsOutputRedirected,
            HostUser = Environment.UserName,
        };

        try
        {
            return Dispatch(context);
        }
        catch (UsageException e)
        {
            stderr.Write($"Error: {e.Message}\n{UsageText.For(e.Command)}\n");
            return 1;
        }
        catch (CommandFailedException e)
        {
            if (e.Stderr.Length > 0) stderr.Write(e.Stderr + "\n");
            return e.ExitCode;
        }
    }

    private int Dispatch(CommandContext context)
    {
        var specs = _commands.Select(c => c.Spec).ToList();
        var (spec, token, args) = CommandLine.Find(argv, specs);
        if (spec is null) return RunRoot(token, args, specs);

        var command = _commands.Single(c => c.Spec == spec);
        var parsed = command.Parse(args);
        if (parsed.HelpRequested)
        {
            stdout.Write(parsed.HelpText ?? UsageText.Help(spec));
            return 0;
        }

        command.Validate(parsed, context);
        var fault = FaultSelector.Select(context.Scenario.Faults, spec.Name, () => command.Targets(parsed, context), context.Store);
        FaultName = fault?.ActionName;
        log.Start(FaultName);
        context.Fault = fault;

        switch (fault?.Rule.Action)
        {
            case FaultAction.Hang:
                context.HangForever();
                break;
            case FaultAction.Fail:
                stderr.Write(fault.Rule.Stderr.Replace("{name}", fault.MachineName, StringComparison.Ordinal) + "\n");
                return fault.Rule.ExitCode;
            case FaultAction.Garbage:
                stdout.Write(fault.Rule.Output);
                return 0;
            case FaultAction.Delay:
                context.Sleep(context.Scenario.Time.Real(fault.Rule.DelayMs));
                break;
        }

        return command.Execute(parsed, context);
    }

    /// <summary>No subcommand: help, an unknown command, or a real orbctl command the simulator does not implement.</summary>
    private int RunRoot(string? token, List<string> args, IReadOnlyList<CommandSpec> specs)
    {
        if (token is null)
        {
            // Only root flags (-h/--help) or nothing at all: cobra shows the root help.
            var root = new CommandSpec { Name = "orbctl", Use = "", Short = "", Long = "", Example = "" };
            try
            {
                FlagParser.Parse(root, args);
            }
            catch (UsageException e)
            {
                stderr.Write($"Error: {e.Message}\n{RootHelp.Usage(specs)}\n");
                return 1;
            }

            stdout.Write(RootHelp.Help(specs));
            return 0;
        }

        if (token == "help")
        {
            var topic = args.SkipWhile(a => a != "help").Skip(1).FirstOrDefault();
            var spec = specs.FirstOrDefault(s => topic is not null && s.Matches(topic));
            stdout.Write(spec is null ? RootHelp.Help(specs) : UsageText.Help(spec));
            return 0;
        }

        if (CommandLine.NotSimulated.Contains(token))
        {
            stderr.Write($"orbsim: 'orbctl {token}' is not simulated (simulated: {string.Join(", ", specs.Select(s => s.Name).Order())})\n");
            return 1;
        }

        var names = specs.Select(s => s.Name).Concat(CommandLine.NotSimulated).Order(StringComparer.Ordinal);
        stderr.Write($"Error: {CommandLine.UnknownCommand(token, names)}\nRun 'orbctl --help' for usage.\n");
        return 1;
    }

    private static string HomeDirectory() =>
        Environment.GetEnvironmentVariable("ORBSIM_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".orbsim");
}
