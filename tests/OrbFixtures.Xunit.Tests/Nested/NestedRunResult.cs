using System.Xml.Linq;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>What a nested <c>dotnet test</c> produced: its exit code, console output and TRX results.</summary>
internal sealed class NestedRunResult(int exitCode, string console, IReadOnlyList<TrxResult> results)
{
    private static readonly XNamespace s_trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public int ExitCode { get; } = exitCode;
    public string Console { get; } = console;
    public IReadOnlyList<TrxResult> Results { get; } = results;

    /// <summary>The one result whose name ends with <paramref name="suffix"/> (e.g. <c>DbTests.Runs_a_command_in_db</c>).</summary>
    public TrxResult this[string suffix]
    {
        get
        {
            var matches = Results.Where(r => r.Name.EndsWith("." + suffix, StringComparison.Ordinal)).ToList();
            return matches.Count == 1
                ? matches[0]
                : throw new InvalidOperationException($"{matches.Count} results end with '{suffix}'. Results:\n{Describe()}");
        }
    }

    /// <summary>The results of tests in <paramref name="className"/> (e.g. <c>DbTests</c>).</summary>
    public IReadOnlyList<TrxResult> In(string className) =>
        Results.Where(r => r.Name.Contains("." + className + ".", StringComparison.Ordinal)).ToList();

    /// <summary>Every result with its outcome and message, for assertion messages: the failed ones first, so that a
    /// message cut short (a CI summary shows its start) still says why the nested run failed.</summary>
    public string Describe() => string.Join('\n', Results.OrderBy(r => r.Failed ? 0 : 1).Select(r => $"{r.Outcome} {r.Name}: {r.Message}"))
        + "\n--- console ---\n" + Console;

    public static NestedRunResult Read(int exitCode, string console, string trxPath)
    {
        if (!File.Exists(trxPath)) return new NestedRunResult(exitCode, console, []);
        var results = XDocument.Load(trxPath).Descendants(s_trx + "UnitTestResult").Select(r => new TrxResult(
            (string?)r.Attribute("testName") ?? "",
            (string?)r.Attribute("outcome") ?? "",
            (string?)r.Descendants(s_trx + "Message").FirstOrDefault() ?? "",
            (string?)r.Descendants(s_trx + "StdOut").FirstOrDefault() ?? "")
        { Attachments = ResultFiles(trxPath, r) }).ToList();
        return new NestedRunResult(exitCode, console, results);
    }

    // A result file lives at <results>/<deployment>/In/<relativeResultsDirectory>/<path>.
    private static Dictionary<string, string> ResultFiles(string trxPath, XElement result)
    {
        var paths = result.Descendants(s_trx + "ResultFile").Select(f => (string?)f.Attribute("path")).OfType<string>().ToList();
        if (paths.Count == 0) return [];
        var folder = (string?)result.Attribute("relativeResultsDirectory") ?? "";
        var files = Directory.EnumerateFiles(Path.GetDirectoryName(trxPath)!, "*", SearchOption.AllDirectories).ToList();
        return paths.ToDictionary(p => Path.GetFileName(p), p => File.ReadAllText(files.First(f =>
            f.EndsWith(Path.Combine(folder, p), StringComparison.Ordinal))), StringComparer.Ordinal);
    }
}
