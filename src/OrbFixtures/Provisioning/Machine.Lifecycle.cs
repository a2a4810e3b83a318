using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;

namespace OrbFixtures;

public sealed partial class Machine
{
    /// <summary>Starts the machine (idempotent).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _journal.Note("test asked to start the machine");
        return _client.StartAsync(Name, History, cancellationToken);
    }

    /// <summary>Stops the machine (idempotent).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        _journal.Note("test asked to stop the machine");
        return _client.StopAsync(Name, History, cancellationToken);
    }

    /// <summary>Restarts the machine and waits until it is ready again.</summary>
    /// <exception cref="MachineProvisioningException">It did not become ready again within the restart timeout.</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        _journal.Note("test asked to restart the machine");
        await _client.RestartAsync(Name, History, cancellationToken).ConfigureAwait(false);
        var budget = _options.Timeouts[Operation.Restart];
        var result = await _readiness.WaitAsync(_journal, budget, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == ReadinessOutcome.Ready)
        {
            _info = result.Info!;
            return;
        }
        throw new MachineProvisioningException(
            $"Machine '{LogicalName}' ({Name}) did not become ready again within {Diagnostics.AttemptHistory.FormatDuration(budget)} after " +
            $"a restart ({(result.Outcome == ReadinessOutcome.Gone ? "it no longer exists" : $"last state: {result.Info?.RawState ?? "unknown"}")})." +
            Environment.NewLine + History.Render(),
            Spec, Name, History, OrbCtlErrorKind.TimedOut);
    }

    /// <summary>Asks orbctl for the machine's current state.</summary>
    /// <exception cref="InvalidOperationException">The machine no longer exists.</exception>
    public async Task<MachineInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        await _client.GetInfoAsync(Name, History, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Machine '{LogicalName}' ({Name}) no longer exists.");
}
