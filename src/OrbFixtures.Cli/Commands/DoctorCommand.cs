using System.CommandLine;
using System.Text.Json.Nodes;
using OrbFixtures.Inventory;

namespace OrbFixtures.Cli.Commands;

/// <summary>
/// <c>orbfixtures doctor</c>: would machine tests run here, and if not, why and how to fix it. It runs the availability
/// probe a test run runs (with every place it searched), asks <c>orbctl version</c>, looks at the state folder without
/// changing it, and shows the effective configuration with the source of each value. Exit 1 when machine tests would be
/// skipped or fail.
/// </summary>
internal sealed class DoctorCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var command = new Command("doctor",
            "Check whether machine tests would run here: orbctl (where it was searched, version, status), the state folder, " +
            "the effective configuration and where each value comes from, and a verdict with the fix for each problem. " +
            "Exit 1 when machine tests would be skipped or fail.");
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var diagnosis = await DiagnoseAsync(context, parsed, cancellationToken).ConfigureAwait(false);
            if (parsed.GetValue(CliContext.Json)) context.WriteJson(Json(diagnosis));
            else WriteText(context.Out, diagnosis);
            return diagnosis.Verdict == DoctorVerdict.MachineTestsRun ? ExitCodes.Ok : ExitCodes.Problem;
        }));
        return command;
    }

    private static async Task<Diagnosis> DiagnoseAsync(CliContext context, ParseResult parsed, CancellationToken cancellationToken)
    {
        var problems = new List<DoctorProblem>();
        EffectiveConfiguration configuration;
        try
        {
            configuration = context.Configuration(parsed);
        }
        catch (OrbFixturesConfigurationException e)
        {
            // A test run would fail on this value before anything else: nothing further can be checked with it.
            problems.Add(new DoctorProblem(DoctorProblemKind.InvalidConfiguration, e.Message,
                $"set {e.Key} to {e.Expected}, or unset it", Blocks: true));
            return new Diagnosis(null, null, null, problems, DoctorVerdict.MachineTestsFail);
        }
        var options = configuration.Options;
        var orbctl = await MachineInventory.CheckOrbctlAsync(options, cancellationToken).ConfigureAwait(false);
        if (orbctl.Availability.OrbctlPath is null)
            problems.Add(new DoctorProblem(DoctorProblemKind.OrbctlNotFound, orbctl.Availability.Reason,
                $"install OrbStack (https://orbstack.dev) and open it once, or set {OrbFixturesConfiguration.OrbctlKey} to the path of orbctl " +
                "(or of the OrbFixtures simulator)", Blocks: true));
        else if (!orbctl.Availability.IsAvailable)
            problems.Add(new DoctorProblem(DoctorProblemKind.OrbStackNotRunning, orbctl.Availability.Reason,
                $"open OrbStack or run `orbctl start`, or set {OrbFixturesConfiguration.AutoStartKey}=true", Blocks: true));

        var state = new MachineInventory(options).InspectStateDirectory();
        if (state.Problem is { } unsafeFolder)
            problems.Add(new DoctorProblem(DoctorProblemKind.StateDirectoryUnsafe, $"the state folder is not safe to use: {unsafeFolder}",
                state.Fix ?? "", Blocks: true));
        if (state.DamagedRecords.Count > 0)
            problems.Add(new DoctorProblem(DoctorProblemKind.DamagedRecords,
                $"{state.DamagedRecords.Count} file(s) in the ledger are not valid records; they are skipped, never acted on",
                "see `orbfixtures list`; check each named machine with `orbctl info NAME`, then `orbfixtures forget NAME`", Blocks: false));

        var verdict = !problems.Any(p => p.Blocks) ? DoctorVerdict.MachineTestsRun
            // Unavailable OrbStack skips machine tests unless required; an unsafe state folder fails them at provisioning.
            : problems.Any(p => p.Blocks && p.Kind == DoctorProblemKind.StateDirectoryUnsafe) || options.Require ? DoctorVerdict.MachineTestsFail
            : DoctorVerdict.MachineTestsSkipped;
        return new Diagnosis(orbctl, state, configuration, problems, verdict);
    }

    private static void WriteText(TextWriter o, Diagnosis d)
    {
        if (d.Orbctl is { } orbctl)
        {
            o.WriteLine("orbctl");
            foreach (var place in orbctl.Availability.Searched) o.WriteLine($"  searched: {place}");
            o.WriteLine($"  path: {orbctl.Availability.OrbctlPath ?? "(not found)"}");
            o.WriteLine($"  version: {orbctl.Version ?? $"(unknown: {orbctl.VersionError})"}");
            o.WriteLine($"  status: {orbctl.Availability.Reason}");
        }
        if (d.State is { } state)
        {
            o.WriteLine("state folder");
            o.WriteLine($"  path: {state.Path}");
            o.WriteLine(state.Exists ? $"  exists: yes, mode {state.Mode ?? "(not a Unix system)"}" : "  exists: no (it is made, private, on first use)");
            o.WriteLine($"  records: {state.RecordCount}");
            o.WriteLine($"  unreadable records: {state.DamagedRecords.Count}");
            foreach (var damaged in state.DamagedRecords) o.WriteLine($"    {damaged.Path}: {damaged.Reason}");
        }
        if (d.Configuration is { } configuration)
        {
            o.WriteLine("configuration");
            foreach (var s in configuration.Settings) o.WriteLine($"  {s.Key}={s.Value ?? ""} ({Source(s.Source)})");
        }
        foreach (var p in d.Problems) o.WriteLine($"{(p.Blocks ? "problem" : "warning")}: {p.What.TrimEnd('.')}. Fix: {p.Fix}.");
        o.WriteLine(d.Verdict switch
        {
            DoctorVerdict.MachineTestsRun => "verdict: machine tests would run",
            DoctorVerdict.MachineTestsSkipped => "verdict: machine tests would be skipped",
            _ => "verdict: machine tests would fail",
        });
    }

    private static JsonObject Json(Diagnosis d) => new()
    {
        ["verdict"] = d.Verdict.ToString(),
        ["orbctl"] = d.Orbctl is not { } orbctl ? null : new JsonObject
        {
            ["searched"] = new JsonArray([.. orbctl.Availability.Searched.Select(s => (JsonNode?)s)]),
            ["path"] = orbctl.Availability.OrbctlPath,
            ["available"] = orbctl.Availability.IsAvailable,
            ["reason"] = orbctl.Availability.Reason,
            ["version"] = orbctl.Version,
            ["versionError"] = orbctl.VersionError,
        },
        ["stateDirectory"] = d.State is not { } state ? null : new JsonObject
        {
            ["path"] = state.Path,
            ["exists"] = state.Exists,
            ["mode"] = state.Mode,
            ["problem"] = state.Problem,
            ["records"] = state.RecordCount,
            ["unreadableRecords"] = new JsonArray([.. state.DamagedRecords.Select(r => (JsonNode?)new JsonObject
            {
                ["path"] = r.Path,
                ["machine"] = r.MachineName,
                ["reason"] = r.Reason,
            })]),
        },
        ["configuration"] = d.Configuration is not { } configuration ? null : new JsonArray([.. configuration.Settings.Select(s => (JsonNode?)new JsonObject
        {
            ["key"] = s.Key,
            ["value"] = s.Value,
            ["source"] = Source(s.Source),
        })]),
        ["problems"] = new JsonArray([.. d.Problems.Select(p => (JsonNode?)new JsonObject
        {
            ["kind"] = p.Kind.ToString(),
            ["blocks"] = p.Blocks,
            ["message"] = p.What,
            ["fix"] = p.Fix,
        })]),
    };

    private static string Source(ConfigurationSource source) => source switch
    {
        ConfigurationSource.RunSettings => "runsettings",
        ConfigurationSource.Environment => "environment",
        _ => "default",
    };

    private sealed record Diagnosis(
        OrbctlCheck? Orbctl, StateDirectoryStatus? State, EffectiveConfiguration? Configuration, IReadOnlyList<DoctorProblem> Problems,
        DoctorVerdict Verdict);
}

/// <summary>What <c>doctor</c> concludes.</summary>
internal enum DoctorVerdict
{
    /// <summary>Machine tests would run.</summary>
    MachineTestsRun,
    /// <summary>Machine tests would be skipped (OrbStack unavailable, not required).</summary>
    MachineTestsSkipped,
    /// <summary>Machine tests would fail (required but unavailable, bad configuration, unsafe state folder).</summary>
    MachineTestsFail,
}

/// <summary>What kind of problem <c>doctor</c> found.</summary>
internal enum DoctorProblemKind
{
    /// <summary>A configuration value is invalid.</summary>
    InvalidConfiguration,
    /// <summary>orbctl was not found.</summary>
    OrbctlNotFound,
    /// <summary>orbctl was found but OrbStack is not running.</summary>
    OrbStackNotRunning,
    /// <summary>The state folder would be refused.</summary>
    StateDirectoryUnsafe,
    /// <summary>Some ledger files are not valid records (a warning).</summary>
    DamagedRecords,
}

/// <summary>One problem <c>doctor</c> found.</summary>
/// <param name="Kind">What kind.</param>
/// <param name="What">What is wrong, as a sentence without the final full stop.</param>
/// <param name="Fix">What to do about it.</param>
/// <param name="Blocks">Whether it stops machine tests from running (a warning does not).</param>
internal sealed record DoctorProblem(DoctorProblemKind Kind, string What, string Fix, bool Blocks);
