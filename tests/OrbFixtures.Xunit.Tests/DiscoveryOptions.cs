using Xunit.Abstractions;

namespace OrbFixtures.Xunit.Tests;

/// <summary>Discovery options with xUnit's defaults (the runner utility that normally provides them is not referenced).</summary>
internal sealed class DiscoveryOptions : ITestFrameworkDiscoveryOptions
{
    private readonly Dictionary<string, object?> _values = [];

    public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var v) && v is TValue t ? t : default!;

    public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
}
