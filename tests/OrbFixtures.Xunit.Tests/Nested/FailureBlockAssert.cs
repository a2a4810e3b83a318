using Xunit;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>What a failure message of a nested run must look like around the adapter's failure block
/// (<see cref="FailureReport"/>), checked by its heading constant and the machines' log subjects, never by sentences.</summary>
internal static class FailureBlockAssert
{
    /// <summary>The block appears once (its opening and closing marker both carry the heading), shows each machine's log
    /// once, and nothing follows its closing marker.</summary>
    public static void EndsTheMessageOnce(string message, params ReportedMachine[] machines)
    {
        Assert.Equal(2, Occurrences(message, FailureReport.Heading));
        var closing = message.LastIndexOf(FailureReport.Heading, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message[closing..]);
        Assert.All(machines, m => Assert.Equal(1, Occurrences(message, m.Subject + ":")));
    }

    /// <summary>The time stamps that start the block's event lines never decrease (within a run that does not cross midnight,
    /// which a wrap of more than 12 hours is taken for).</summary>
    public static void IsInTimeOrder(string message)
    {
        var block = message[message.IndexOf(FailureReport.Heading, StringComparison.Ordinal)..];
        var stamps = block.Split('\n').Select(l => l.Trim())
            .Select(l => l.Length > 12 && TimeOnly.TryParseExact(l[..12], "HH:mm:ss.fff", out var t) ? t : (TimeOnly?)null)
            .OfType<TimeOnly>().ToList();
        Assert.True(stamps.Count >= 2, block);
        for (var i = 1; i < stamps.Count; i++)
            Assert.True(stamps[i] >= stamps[i - 1] || stamps[i - 1] - stamps[i] > TimeSpan.FromHours(12),
                $"line stamped {stamps[i]:HH:mm:ss.fff} follows one stamped {stamps[i - 1]:HH:mm:ss.fff}:\n{block}");
    }

    public static int Occurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
