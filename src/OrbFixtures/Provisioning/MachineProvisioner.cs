using System.Collections.Concurrent;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
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
    private readonly Dictionary<string, AttemptHistory> _histories = new(StringComparer.Ordinal);
    private readonly List<MachineJournal> _journals = [];
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perLogicalName = new(StringComparer.Ordinal);
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
        _reaper = new MachineReaper(_session, RaiseProgress);
    }

    /// <summary>The options this provisioner runs with.</summary>
    public OrbFixturesOptions Options { get; }

    /// <summary>This session's short random id, part of every machine name.</summary>
    public string SessionId => _session.SessionId;

    /// <summary>Human-readable progress lines, e.g. <c>db (of-k3x9-db): create hung after the machine was made; watchdog
    /// adopted it after 2.1 s</c>. Never contains secrets.</summary>
    public event EventHandler<string>? Progress;

    /// <summary>The real machine name <paramref name="logicalName"/> gets in this session.</summary>
    public string MachineNameFor(string logicalName) => MachineNaming.For(Options.NamePrefix, SessionId, logicalName);

    /// <summary>The real machine name <paramref name="spec"/> gets: <c>&lt;prefix&gt;-&lt;session&gt;-&lt;logical&gt;</c>, or
    /// <c>&lt;prefix&gt;-reuse-&lt;logical&gt;</c> for a reusable spec (a later session must find it by name).</summary>
    public string MachineNameFor(MachineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return MachineNaming.For(Options.NamePrefix, SessionId, spec);
    }

    /// <summary>The attempt histories of every machine this provisioner was asked for, ready or not.</summary>
    public IReadOnlyList<AttemptHistory> Histories
    {
        get { lock (_gate) return [.. _histories.Values]; }
    }

    /// <summary>The machines this provisioner holds ready right now.</summary>
    internal IReadOnlyList<Machine> Machines
    {
        get { lock (_gate) return [.. _machines.Values]; }
    }

    /// <summary>Everything the start-up reaper ran and decided.</summary>
    internal AttemptHistory ReaperHistory => _reaper.History;

    /// <summary>Returns a ready machine for <paramref name="spec"/>: created, or adopted when it already exists and is ours.</summary>
    /// <exception cref="ArgumentException">The spec is invalid (nothing was run).</exception>
    /// <exception cref="MachineProvisioningException">The machine could not be made ready; the message tells why.</exception>
    public async Task<Machine> EnsureAsync(MachineSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var name = MachineNameFor(spec);
        MachineNaming.Validate(name, spec.LogicalName);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

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
            if (!_histories.TryGetValue(spec.LogicalName, out var history))
                _histories[spec.LogicalName] = history = new AttemptHistory($"machine '{spec.LogicalName}' ({name})");
            journal = new MachineJournal(spec, name, history, Options.TimeProvider, RaiseProgress);
            _journals.Add(journal);
        }
        var flow = new CreateOrAdopt(_session, journal);
        try
        {
            var info = await flow.RunAsync(cancellationToken).ConfigureAwait(false);
            journal.MachineId = info.Id;
            journal.ReadyAfter = journal.Elapsed;
            var machine = new Machine(journal, info, _session.Client, Options, _session.Readiness);
            lock (_gate) _machines[spec.LogicalName] = machine;
            return machine;
        }
        catch (Exception e)
        {
            journal.MachineId ??= flow.MachineId;
            journal.Failure = FirstLine(e.Message);
            if (flow.IntentRecorded) await AbandonAsync(journal, flow.MachineId).ConfigureAwait(false);
            var summary = e switch
            {
                OrbCtlException => e.Message,
                IOException or UnauthorizedAccessException =>
                    $"the ownership ledger under '{Options.StateDirectory}' could not be used ({e.Message}); set StateDirectory " +
                    "(ORBFIXTURES_STATE_DIR) to a writable folder",
                _ => null,
            };
            if (summary is null) throw;
            throw new MachineProvisioningException(
                $"Could not provision machine '{spec.LogicalName}' ({name}) from {spec}: {summary}" + Environment.NewLine +
                journal.History.Render(), spec, name, journal.History, (e as OrbCtlException)?.Kind, e);
        }
    }

    private async Task ReapOnceAsync()
    {
        try
        {
            await _reaper.ReapOnceAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OrbCtlException or IOException or UnauthorizedAccessException)
        {
            // A failed sweep must not fail the tests; the next run sweeps again.
            RaiseProgress($"reaper: could not sweep the ledger ({e.GetType().Name}: {FirstLine(e.Message)})");
        }
    }

    // Two specs provision the same machine when everything that shapes it, and its cleanup, is equal.
    private static bool SameShape(MachineSpec a, MachineSpec b) =>
        a.ComputeHash() == b.ComputeHash() && a.Cleanup == b.Cleanup && a.Reuse == b.Reuse;

    // Progress is diagnostics: a subscriber that throws (e.g. a message sink already closed) must not fail provisioning.
    private void RaiseProgress(string line)
    {
        try
        {
            Progress?.Invoke(this, line);
        }
#pragma warning disable CA1031 // any subscriber failure is swallowed on purpose (see above)
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();
}
