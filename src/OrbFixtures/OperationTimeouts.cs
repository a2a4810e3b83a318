using System.Collections.Frozen;
using System.Diagnostics.Contracts;
using OrbFixtures.Validation;

namespace OrbFixtures;

/// <summary>
/// One table from <see cref="Operation"/> to the timeout of a single attempt. Immutable: <see cref="With"/>
/// returns a new table. Every attempt records the timeout it ran under.
/// </summary>
public sealed class OperationTimeouts
{
    private readonly FrozenDictionary<Operation, TimeSpan> _timeouts;

    private OperationTimeouts(FrozenDictionary<Operation, TimeSpan> timeouts) => _timeouts = timeouts;

    /// <summary>
    /// The defaults. Create is long (10 minutes: image downloads are slow, and a hang is cheap because the
    /// provisioner's watchdog adopts a hung create within one poll interval); queries are short.
    /// </summary>
    /// <value>Status, Version: 15 s. List, Info, Logs, Config: 30 s. Create: 10 min. Clone: 5 min. Start, Restart: 2 min.
    /// Stop, Delete: 1 min. Run: 10 min. Push, Pull: 5 min.</value>
    public static OperationTimeouts Default { get; } = new(new Dictionary<Operation, TimeSpan>
    {
        [Operation.Status] = TimeSpan.FromSeconds(15),
        [Operation.Version] = TimeSpan.FromSeconds(15),
        [Operation.List] = TimeSpan.FromSeconds(30),
        [Operation.Info] = TimeSpan.FromSeconds(30),
        [Operation.Logs] = TimeSpan.FromSeconds(30),
        [Operation.Config] = TimeSpan.FromSeconds(30),
        [Operation.Create] = TimeSpan.FromMinutes(10),
        [Operation.Clone] = TimeSpan.FromMinutes(5),
        [Operation.Start] = TimeSpan.FromMinutes(2),
        [Operation.Restart] = TimeSpan.FromMinutes(2),
        [Operation.Stop] = TimeSpan.FromMinutes(1),
        [Operation.Delete] = TimeSpan.FromMinutes(1),
        [Operation.Run] = TimeSpan.FromMinutes(10),
        [Operation.Push] = TimeSpan.FromMinutes(5),
        [Operation.Pull] = TimeSpan.FromMinutes(5),
    }.ToFrozenDictionary());

    /// <summary>The timeout of one attempt of <paramref name="operation"/>.</summary>
    public TimeSpan this[Operation operation] => _timeouts.TryGetValue(operation, out var t)
        ? t
        : throw UnknownOperation(operation);

    /// <summary>Returns a copy of this table with <paramref name="operation"/> set to <paramref name="timeout"/>.</summary>
    /// <exception cref="OrbFixturesConfigurationException">The timeout is outside 10 ms to 24 h, the range of a
    /// single attempt's timeout (what Polly's timeout strategy accepts).</exception>
    [Pure]
    public OperationTimeouts With(Operation operation, TimeSpan timeout)
    {
        OptionRanges.AttemptTimeout.Check(timeout, $"{nameof(OperationTimeouts)}[{operation}]");
        if (!_timeouts.ContainsKey(operation))
            throw UnknownOperation(operation);
        var copy = _timeouts.ToDictionary();
        copy[operation] = timeout;
        return new OperationTimeouts(copy.ToFrozenDictionary());
    }

    private static ArgumentOutOfRangeException UnknownOperation(Operation operation) =>
        new(nameof(operation), operation, "Unknown operation.");

    /// <summary>Every operation with its timeout, in enum order.</summary>
    public IEnumerable<KeyValuePair<Operation, TimeSpan>> Entries =>
        Enum.GetValues<Operation>().Select(op => new KeyValuePair<Operation, TimeSpan>(op, this[op]));
}
