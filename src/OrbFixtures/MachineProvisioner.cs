using System.Collections.Concurrent;
using OrbFixtures.Configuration;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;

namespace OrbFixtures;

/// <summary>
/// Creates or adopts machines for one session (one test process), owns them in the ledger, and cleans them up.
/// <see cref="EnsureAsync"/> returns a ready machine or throws one <see cref="MachineProvisioningException"/>;
/// it never blindly repeats a create.
/// </summary>
public sealed partial class MachineProvisioner : IAsyncDisposable
{
    private readonly ProvisioningSession _session;
    private readonly MachineReaper _reaper;
    private readonly object _gate = new();
    private readonly Dictionary<string, Machine> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MachineLog> _logs = new(StringComparer.Ordinal);
    private readonly List<MachineJournal> _journals = [];
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perLogicalName = new(StringComparer.Ordinal);
    private readonly Lazy<bool> _stateSecured;
    private readonly TemplateBuilds _templates;
    private int _disposed;

    /// <summary>Creates a provisioner that runs <c>orbctl</c> with the given options.</summary>
    /// <exception cref="OrbFixturesConfigurationException">An option is invalid; the message names it, its value and the rule.</exception>
    public MachineProvisioner(OrbFixturesOptions? options = null)
        : this(options ?? new OrbFixturesOptions(), client: null)
    {
    }

    internal MachineProvisioner(OrbFixturesOptions options, IOrbCtlClient? client)
        : this(options, new ProvisionerServices(Client: client))
    {
    }

    internal MachineProvisioner(OrbFixturesOptions options, ProvisionerServices services)
    {
        OrbFixturesOptionsValidation.Validate(options);
        ArgumentNullException.ThrowIfNull(services);
        Options = options;
        _session = new ProvisioningSession(options, services);
        SessionLog = Observed(new MachineLog($"session {_session.SessionId}"));
        _reaper = new MachineReaper(_session, SessionLog);
        _templates = new TemplateBuilds(_session, TemplateJournal);
        // Once per provisioner, before anything is read from or written to it; a failure is kept and thrown to every
        // EnsureAsync (the folder does not fix itself while the tests run).
        _stateSecured = new Lazy<bool>(() =>
        {
            _session.State.EnsureSecure();
            return true;
        });
    }

    /// <summary>The options this provisioner runs with.</summary>
    public OrbFixturesOptions Options { get; }

    /// <summary>This session's short random id, part of every machine name.</summary>
    public string SessionId => _session.SessionId;

    /// <summary>Raised for every event appended to one of this provisioner's logs (a machine's, or
    /// <see cref="SessionLog"/>), on the thread that appended it. <see cref="MachineEventArgs.IsProgress"/> picks the
    /// ones worth a progress line and <see cref="MachineEventArgs.ToString"/> renders it, e.g. <c>machine 'db'
    /// (of-k3x9-db): create hung after the machine was made; watchdog adopted it after 2.1 s and killed the create</c>.
    /// Events never contain secrets; a handler that throws is ignored.</summary>
    public event EventHandler<MachineEventArgs>? EventRecorded;

    /// <summary>The real machine name <paramref name="logicalName"/> gets in this session.</summary>
    public string MachineNameFor(string logicalName) => MachineNaming.For(Options.NamePrefix, SessionId, logicalName);

    /// <summary>The real machine name <paramref name="spec"/> gets: <c>&lt;prefix&gt;-&lt;session&gt;-&lt;logical&gt;</c>, or
    /// <c>&lt;prefix&gt;-reuse-&lt;logical&gt;-&lt;hash&gt;</c> for a reusable spec (a later session with the same spec
    /// finds it by name; the hash is keyed with the state directory's key, so it is the same for every session that
    /// shares the state directory, and says nothing about the spec's secrets).</summary>
    public string MachineNameFor(MachineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return MachineNaming.For(Options.NamePrefix, SessionId, spec, () => _session.Hasher.Hash(spec));
    }

    /// <summary>The name of the template machine <paramref name="template"/> gets:
    /// <c>&lt;prefix&gt;-tpl-&lt;logical&gt;-&lt;hash&gt;</c>, shared by every session using the same state directory
    /// (the hash is keyed like a reusable machine's, and covers the recipe and the template format version).</summary>
    public string MachineNameFor(MachineTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return _templates.NameFor(template);
    }

    /// <summary>The logs of every machine this provisioner was asked for, ready or not.</summary>
    public IReadOnlyList<MachineLog> Logs
    {
        get { lock (_gate) return [.. _logs.Values]; }
    }

    /// <summary>What happened to the session as a whole: the reaper's sweep, the run report, the private folder.</summary>
    public MachineLog SessionLog { get; }

    /// <summary>Returns a ready machine for <paramref name="spec"/>: created, or adopted when it already exists and is ours.</summary>
    /// <exception cref="ArgumentException">The spec is invalid (nothing was run).</exception>
    /// <exception cref="MachineProvisioningException">The machine could not be made ready; the message tells why.</exception>
    public async Task<Machine> EnsureAsync(MachineSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        MachineNaming.Validate(MachineNaming.For(Options.NamePrefix, SessionId, spec, () => new string('0', SpecHasher.NameLength)),
            spec.LogicalName);
        string name;
        try
        {
            _ = _stateSecured.Value;
            name = MachineNameFor(spec);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MachineProvisioningException(
                $"Could not provision machine '{spec.LogicalName}' from {spec}: {StateDirectoryProblem(e)}", spec,
                spec.LogicalName, new MachineLog($"machine '{spec.LogicalName}'"), null, e);
        }

        var perName = _perLogicalName.GetOrAdd(spec.LogicalName, _ => new SemaphoreSlim(1, 1));
        await perName.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_machines.TryGetValue(spec.LogicalName, out var ready))
                    return SameShape(ready.Spec, spec) ? ready : throw new ArgumentException(
                        $"Machine '{spec.LogicalName}' was already provisioned in this session from a different spec ({ready.Spec}); " +
                        "use another logical name for a differently shaped machine.", nameof(spec));
            }
            await ReapOnceAsync().ConfigureAwait(false);
            return await ProvisionAsync(spec, name, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            perName.Release();
        }
    }

    /// <summary>Deletes machines in the ledger whose owning process is dead; returns how many were removed.
    /// Machines of live sessions and machines not in the ledger are never touched.</summary>
    public Task<int> ReapAsync(CancellationToken cancellationToken = default) => _reaper.ReapAsync(cancellationToken);

    private async Task<Machine> ProvisionAsync(MachineSpec spec, string name, CancellationToken cancellationToken)
    {
        MachineJournal journal;
        lock (_gate)
        {
            if (!_logs.TryGetValue(spec.LogicalName, out var log))
                _logs[spec.LogicalName] = log = Observed(new MachineLog($"machine '{spec.LogicalName}' ({name})")
                {
                    LogicalName = spec.LogicalName,
                    MachineName = name,
                });
            journal = new MachineJournal(spec, name, _session.Hasher.Hash(spec), log, Options.TimeProvider)
            {
                CreateSpec = spec.Template is not null && Options.Templates == TemplateMode.Off ? spec.FromScratch() : spec,
            };
            _journals.Add(journal);
        }
        CreateOrAdopt? flow = null;
        FileLock? nameLock = null;
        try
        {
            // A shared name is provisioned by one process at a time: lookup, create and record happen under its lock,
            // so two sessions never race on it (and a reaper never acts on it meanwhile).
            if (journal.Kind == MachineKind.Reusable) nameLock = await LockNameAsync(journal, cancellationToken).ConfigureAwait(false);
            var fromScratch = spec.Template is not null && Options.Templates == TemplateMode.Off;
            var source = spec.Template is { } template && !fromScratch
                ? await _templates.EnsureAsync(template, journal, cancellationToken).ConfigureAwait(false)
                : null;
            flow = new CreateOrAdopt(_session, journal, source);
            var info = await flow.RunAsync(cancellationToken).ConfigureAwait(false);
            // Without templates the recipe's setup steps run on the machine itself, once: when it was just created.
            if (fromScratch && journal.CreateAttempts > 0
                && await TemplateSteps.RunSetupAsync(_session, journal, spec.Template!.SetupSteps, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                journal.Record(at => new ProvisioningFailed(at, problem, null));
                throw new MachineProvisioningException($"Could not provision machine '{spec.LogicalName}' ({name}) from {spec}: {problem}",
                    spec, name, journal.Log, null);
            }
            var machine = new Machine(journal, info, _session.Client, Options, _session.Readiness);
            lock (_gate) _machines[spec.LogicalName] = machine;
            return machine;
        }
        catch (Exception e)
        {
            if (e is not MachineProvisioningException)
                journal.Record(at => new ProvisioningFailed(at, FirstLine(e.Message), (e as OrbCtlException)?.Kind));
            if (flow is { IntentRecorded: true }) await AbandonAsync(journal).ConfigureAwait(false);
            var summary = e switch
            {
                OrbCtlException => e.Message,
                IOException or UnauthorizedAccessException => StateDirectoryProblem(e),
                _ => null,
            };
            if (summary is null) throw;
            throw new MachineProvisioningException(
                $"Could not provision machine '{spec.LogicalName}' ({name}) from {spec}: {summary}", spec, name, journal.Log,
                (e as OrbCtlException)?.Kind, e);
        }
        finally
        {
            nameLock?.Dispose();
        }
    }

    /// <summary>The journal (and log, in <see cref="Logs"/> and the run report) of building a template machine.</summary>
    private MachineJournal TemplateJournal(MachineTemplate template, string name, string hash)
    {
        lock (_gate)
        {
            var key = MachineNaming.TemplateMarker + ":" + name;
            if (!_logs.TryGetValue(key, out var log))
                _logs[key] = log = Observed(new MachineLog($"template '{template.LogicalName}' ({name})")
                {
                    LogicalName = template.LogicalName,
                    MachineName = name,
                });
            var journal = new MachineJournal(template.BuildSpec(template.LogicalName), name, hash, log, Options.TimeProvider, MachineKind.Template);
            _journals.Add(journal);
            return journal;
        }
    }

    private async Task<FileLock> LockNameAsync(MachineJournal journal, CancellationToken cancellationToken)
    {
        var path = _session.State.NameLockPath(journal.Name);
        if (FileLock.TryAcquire(path) is { } free) return free;
        journal.Record(at => new WaitingForSharedName(at));
        return await FileLock.AcquireAsync(path, _session.NameLockTimeout, _session.Time, cancellationToken).ConfigureAwait(false);
    }

    private string StateDirectoryProblem(Exception e) =>
        $"the ownership ledger under '{Options.StateDirectory}' could not be used ({e.Message}); set StateDirectory " +
        $"({OrbFixturesConfiguration.StateDirectoryKey}) to a private, writable folder";

    private async Task ReapOnceAsync()
    {
        try
        {
            await _reaper.ReapOnceAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OrbCtlException or IOException or UnauthorizedAccessException)
        {
            // A failed sweep must not fail the tests; the next run sweeps again.
            SessionLog.Append(new ReaperAction(Options.TimeProvider.GetUtcNow(), null, ReaperActionKind.SweepFailed,
                $"{e.GetType().Name}: {FirstLine(e.Message)}"));
        }
    }

    // Two specs provision the same machine when everything that shapes it, and its cleanup, is equal.
    private static bool SameShape(MachineSpec a, MachineSpec b) =>
        a.CanonicalShape() == b.CanonicalShape() && a.Cleanup == b.Cleanup && a.Reuse == b.Reuse;

    /// <summary>Renders the log's events as telemetry and forwards them to <see cref="EventRecorded"/> (a handler that
    /// throws is ignored by the log).</summary>
    private MachineLog Observed(MachineLog log)
    {
        OrbFixturesTelemetry.Observe(log);
        log.Appended += (_, e) => EventRecorded?.Invoke(this, new MachineEventArgs(log, e));
        return log;
    }

    private void SessionNote(string message) => SessionLog.Append(new Note(Options.TimeProvider.GetUtcNow(), message));

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();
}
