using System.Text;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// The ledger as files, read black-box: the tier never parses a record (the record format belongs to the engine and
/// changes with it). A record of a machine is a regular file under the ledger folder whose bytes contain its name.
/// </summary>
internal static class LedgerFiles
{
    /// <summary>The ledger folder of a state directory (<c>&lt;state&gt;/ledger</c>).</summary>
    public static string Folder(string stateDirectory) => Path.Combine(stateDirectory, "ledger");

    /// <summary>The files under the ledger folder (any depth) that mention <paramref name="machineName"/>.</summary>
    public static IReadOnlyList<string> Naming(string stateDirectory, string machineName) =>
        Containing(Folder(stateDirectory), Encoding.UTF8.GetBytes(machineName));

    /// <summary>The record of <paramref name="machineName"/>: the one file naming it, in content and file name.</summary>
    public static string RecordOf(string stateDirectory, string machineName)
    {
        var naming = Naming(stateDirectory, machineName);
        var records = naming.Where(p => Path.GetFileName(p).Contains(machineName, StringComparison.Ordinal)).ToList();
        return records.Count == 1 ? records[0]
            : throw new InvalidOperationException($"Expected one ledger record of {machineName}; files naming it: [{string.Join(", ", naming)}].");
    }

    /// <summary>The files under <paramref name="folder"/> (any depth) whose bytes contain <paramref name="needle"/>.</summary>
    public static IReadOnlyList<string> Containing(string folder, byte[] needle) =>
        !Directory.Exists(folder) ? [] : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(HasBytes)
            .Where(path => ReadOrEmpty(path).AsSpan().IndexOf(needle) >= 0)
            .Order(StringComparer.Ordinal)
            .ToList();

    // An empty file cannot mention a name, and a FIFO (which .NET lists as a file) has length 0 and is never opened:
    // opening one without a writer would block for ever.
    private static bool HasBytes(string path) => new FileInfo(path) is { Exists: true, LinkTarget: null, Length: > 0 };

    private static byte[] ReadOrEmpty(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (IOException) { return []; } // removed while we looked
    }
}
