using System.Collections.Concurrent;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Bounds how many <c>orbctl create</c> run at once. OrbStack machines share one VM, so parallel creates compete;
/// provisioners of one process that target the same <c>orbctl</c> (path + environment) share one gate.
/// </summary>
internal sealed class CreateGate
{
    private static readonly ConcurrentDictionary<string, CreateGate> s_process = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;
    private int _inUse;

    public CreateGate(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
    }

    /// <summary>How many creates may run at once.</summary>
    public int Limit { get; }

    /// <summary>How many creates hold a slot right now.</summary>
    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>The process-wide gate for one orbctl world and limit.</summary>
    public static CreateGate ForProcess(string orbctlPath, IReadOnlyDictionary<string, string> environment, int limit)
    {
        // Stryker disable once Linq : equivalent: any fixed order of the variables makes the key canonical; ascending is just the usual one.
        var key = string.Join('\u001f', new[] { orbctlPath, limit.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Concat(environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)));
        return s_process.GetOrAdd(key, _ => new CreateGate(limit));
    }

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _inUse);
        return new Slot(this);
    }

    private sealed class Slot(CreateGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            Interlocked.Decrement(ref gate._inUse);
            gate._slots.Release();
        }
    }
}
