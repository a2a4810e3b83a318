using OrbFixtures.Diagnostics;
using Xunit;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// A collection (or class) fixture that provisions the machines a group of tests needs — in parallel, under the
/// process-wide create gate — and tears them down once, by the cleanup policy. Subclass it and list the machines:
/// <code>
/// public sealed class WebStack(IMessageSink sink) : MachineFixture(sink)
/// {
///     protected override IEnumerable&lt;MachineSpec&gt; Machines =>
///         [MachineSpec.Create("db", "ubuntu:24.04"), MachineSpec.Create("web", "debian")];
/// }
/// </code>
/// If OrbStack is absent, initialization does not throw: the fixture records the probe's answer in
/// <see cref="Availability"/> and provisions nothing. Only <see cref="MachineFactAttribute"/>/<see cref="MachineTheoryAttribute"/>
/// tests decide: they are skipped with the reason (or fail with <see cref="OrbStackUnavailableException"/> when
/// <c>ORBFIXTURES_REQUIRE=true</c>), so a plain <c>[Fact]</c> beside them runs. Once provisioning has begun, any error
/// is a failure of the fixture. Progress goes to xUnit's diagnostic messages.
/// </summary>
public abstract partial class MachineFixture : IAsyncLifetime, IMachineDiagnosticsSource
{
    private readonly Dictionary<string, Machine> _machines = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private MachineProvisioner? _provisioner;

    /// <summary>Creates the fixture; xUnit passes its diagnostic message sink.</summary>
    protected MachineFixture(IMessageSink messageSink)
    {
        MessageSink = messageSink ?? throw new ArgumentNullException(nameof(messageSink));
    }

    /// <summary>The machines this fixture provisions, by spec; logical names must be unique.</summary>
    protected abstract IEnumerable<MachineSpec> Machines { get; }

    /// <summary>xUnit's diagnostic sink (shown with <c>"diagnosticMessages": true</c> in xunit.runner.json).</summary>
    protected IMessageSink MessageSink { get; }

    /// <summary>The effective options (defaults &lt; <see cref="ConfigureOptions"/> &lt; environment), once initialized.</summary>
    public OrbFixturesOptions? Options { get; private set; }

    /// <summary>
    /// What the availability probe answered, once initialized. When OrbStack is unavailable the fixture provisioned
    /// nothing, and its machine tests are skipped (or fail, when required) with <see cref="OrbStackAvailability.Reason"/>.
    /// </summary>
    public OrbStackAvailability? Availability { get; private set; }

    /// <summary>The ready machine with this logical name.</summary>
    /// <exception cref="KeyNotFoundException">No ready machine has that name; the message lists the ones there are.</exception>
    /// <exception cref="InvalidOperationException">OrbStack is unavailable, so the fixture provisioned no machine.</exception>
    public Machine this[string logicalName] => GetMachine(logicalName);

    /// <summary>The machines that became ready.</summary>
    public IReadOnlyCollection<Machine> ReadyMachines
    {
        get { lock (_gate) return _machines.Values.ToList(); }
    }

    /// <summary>The logs of every machine this fixture asked for, ready or not.</summary>
    public IReadOnlyList<MachineLog> MachineLogs => _provisioner?.Logs ?? [];

    /// <inheritdoc/>
    public int CommandHistorySize => (Options ?? new OrbFixturesOptions()).CommandHistorySize;

    /// <summary>Raised when a test asks for a machine (so its failure report and keep-on-failure know it used it).</summary>
    internal event Action<Machine>? MachineRequested;

    /// <summary>The ready machine with this logical name.</summary>
    /// <exception cref="KeyNotFoundException">No ready machine has that name; the message lists the ones there are.</exception>
    /// <exception cref="InvalidOperationException">OrbStack is unavailable, so the fixture provisioned no machine.</exception>
    public Machine GetMachine(string logicalName)
    {
        if (Availability is { IsAvailable: false } unavailable)
            throw new InvalidOperationException(
                $"{GetType().Name} has no machine '{logicalName}': OrbStack is unavailable, so it provisioned none. " +
                $"Mark tests that use machines [MachineFact] or [MachineTheory]: they are skipped in this case. {unavailable.Reason}");
        lock (_gate)
        {
            if (_machines.TryGetValue(logicalName, out var machine))
            {
                MachineRequested?.Invoke(machine);
                return machine;
            }
            var ready = _machines.Count == 0 ? "none" : string.Join(", ", _machines.Keys.Order(StringComparer.Ordinal));
            throw new KeyNotFoundException(
                $"{GetType().Name} has no ready machine named '{logicalName}'. Ready machines: {ready}.");
        }
    }

    /// <summary>
    /// Before a machine test, when <see cref="OrbFixturesOptions.VerifyBeforeEachTest"/> is on: checks that every ready
    /// machine is still the one provisioned and running (<see cref="Machine.VerifyRunningAsync"/>), so a machine deleted
    /// or stopped behind the suite's back fails the next machine test at once, with its history.
    /// </summary>
    internal async Task VerifyBeforeTestAsync(CancellationToken cancellationToken)
    {
        if (Options is not { VerifyBeforeEachTest: true }) return;
        foreach (var machine in ReadyMachines.OrderBy(m => m.LogicalName, StringComparer.Ordinal))
            await machine.VerifyRunningAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the machine <paramref name="logicalName"/> with a fresh one of the same spec (a new clone of its
    /// template, when it has one); <c>[MachineFact(Fresh = true)]</c> calls it after the test. When that fails, the fixture
    /// no longer has the machine, so a later test that asks for it fails saying so.</summary>
    /// <exception cref="KeyNotFoundException">No ready machine has that name.</exception>
    /// <exception cref="MachineProvisioningException">The fresh machine could not be made ready.</exception>
    public async Task<Machine> RenewMachineAsync(string logicalName)
    {
        Machine old;
        lock (_gate)
        {
            if (!_machines.Remove(logicalName, out old!))
                throw new KeyNotFoundException($"{GetType().Name} has no ready machine named '{logicalName}'.");
        }
        var fresh = await _provisioner!.RenewAsync(old).ConfigureAwait(false);
        lock (_gate) _machines[logicalName] = fresh;
        return fresh;
    }

    /// <summary>Override to set options in code; environment variables still override what is returned.</summary>
    protected virtual OrbFixturesOptions ConfigureOptions(OrbFixturesOptions options) => options;

    /// <summary>Override to prepare the machines once they are all ready (install packages, seed data...).</summary>
    protected virtual Task OnMachinesReadyAsync() => Task.CompletedTask;

    /// <summary>Writes a line to xUnit's diagnostic messages.</summary>
    protected void Log(string message) =>
        MessageSink.OnMessage(new DiagnosticMessage($"OrbFixtures {GetType().Name}: {message}"));

    /// <summary>
    /// Reads the options, checks that OrbStack is usable, then provisions every machine in parallel. An unavailable
    /// OrbStack is recorded in <see cref="Availability"/>, not thrown.
    /// </summary>
    public async LifetimeTask InitializeAsync()
    {
        var options = OrbFixturesConfiguration.FromEnvironment(ConfigureOptions(new OrbFixturesOptions()), Environment);
        var specs = ValidatedSpecs();
        var availability = await Probe(options).ConfigureAwait(false);
        Availability = availability;
        if (!availability.IsAvailable)
        {
            // Recorded, not thrown (a throw would fail or skip every test of the collection, plain [Fact]s included):
            // the machine tests read it and skip, or fail when required.
            Options = options;
            Log($"provisioning nothing; machine tests will be {(options.Require ? "failed" : "skipped")}: {availability.Reason}");
            return;
        }

        if (availability.StartedOrbStack) Log(availability.Reason);

        // Provision with exactly the orbctl that was probed.
        options = options with { OrbctlPath = availability.OrbctlPath };
        Options = options;
        var provisioner = CreateProvisioner(options);
        provisioner.EventRecorded += OnProvisionerEvent;
        _provisioner = provisioner;
        Log($"provisioning {specs.Count} machine(s) with orbctl at {availability.OrbctlPath}: {string.Join(", ", specs)}");
        var started = options.TimeProvider.GetTimestamp();
        try
        {
            await ProvisionAllAsync(provisioner, specs, RunCancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && RecordProvisioningFailure(e))
        {
            return;
        }
        Log($"all {specs.Count} machine(s) ready in {EventText.Duration(options.TimeProvider.GetElapsedTime(started))}");
        await OnMachinesReadyAsync().ConfigureAwait(false);
    }

    private async Task ProvisionAllAsync(MachineProvisioner provisioner, List<MachineSpec> specs, CancellationToken cancellationToken)
    {
        var tasks = specs.Select(spec => ProvisionAsync(provisioner, spec, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (tasks.Count(t => t.IsFaulted) > 1)
        {
            var errors = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            throw new AggregateException(
                $"{errors.Count} of {specs.Count} machines could not be provisioned: " +
                string.Join(" | ", errors.Select(e => (e as MachineProvisioningException)?.Summary ?? e.Message)),
                errors);
        }
    }

    /// <summary>Applies the cleanup policy to every machine (once) and writes the run report when configured.</summary>
    public async LifetimeTask DisposeAsync()
    {
        var provisioner = Interlocked.Exchange(ref _provisioner, null);
        if (provisioner is null) return;
        Log($"releasing machines (cleanup policy {Options?.Cleanup})");
        try
        {
            await provisioner.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log("teardown failed: " + e.Message);
            throw;
        }
        finally
        {
            provisioner.EventRecorded -= OnProvisionerEvent;
            lock (_gate) _machines.Clear();
        }
    }

    // The provisioner's own steps worth a line (a hung create adopted, a transient failure retried, a machine deleted).
    private void OnProvisionerEvent(object? sender, MachineEventArgs e)
    {
        if (e.IsProgress) Log(e.ToString());
    }

    private async Task ProvisionAsync(MachineProvisioner provisioner, MachineSpec spec, CancellationToken cancellationToken)
    {
        var machine = await provisioner.EnsureAsync(spec, cancellationToken).ConfigureAwait(false);
        lock (_gate) _machines[spec.LogicalName] = machine;
        Log($"machine '{spec.LogicalName}' is ready as {machine.Name}{(machine.IPv4 is null ? "" : $" ({machine.IPv4})")}");
    }

    private List<MachineSpec> ValidatedSpecs()
    {
        var specs = (Machines ?? []).ToList();
        foreach (var spec in specs) spec.Validate();
        var duplicate = specs.GroupBy(s => s.LogicalName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException(
                $"{GetType().Name} declares the logical machine name '{duplicate.Key}' {duplicate.Count()} times; logical names must be unique.");
        return specs;
    }
}
