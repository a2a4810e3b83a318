using System.Text;
using OrbFixtures.Ownership;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.Simulation;

/// <summary>What a scenario left in its simulated world: machines other than the foreign one, live orbctl processes,
/// ledger records, and what happened to the foreign machine.</summary>
internal sealed record WorldCheck(
    IReadOnlyList<SimMachine> Leftovers,
    IReadOnlyList<string> SurvivingProcesses,
    IReadOnlyList<string> LedgerRecords,
    string? ForeignProblem)
{
    /// <summary>Leaked machines plus leaked processes.</summary>
    public int Leaked => Leftovers.Count + SurvivingProcesses.Count;

    public bool ForeignTouched => ForeignProblem is not null;

    public bool Clean => Leaked == 0 && LedgerRecords.Count == 0 && !ForeignTouched;

    public string Describe()
    {
        var sb = new StringBuilder("The world is not clean:");
        if (Leftovers.Count > 0) sb.Append("\n  machines left: ").AppendJoin(", ", Leftovers);
        if (SurvivingProcesses.Count > 0) sb.Append("\n  orbctl processes alive: ").AppendJoin("; ", SurvivingProcesses);
        if (LedgerRecords.Count > 0) sb.Append("\n  ledger records left: ").AppendJoin(", ", LedgerRecords);
        if (ForeignProblem is not null) sb.Append("\n  foreign machine touched: ").Append(ForeignProblem);
        return sb.ToString();
    }
}
