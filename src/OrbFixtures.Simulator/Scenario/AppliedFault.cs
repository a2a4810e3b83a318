namespace OrbFixtures.Simulator.Scenario;

/// <summary>The fault chosen for this invocation and the machine name it matched (for <c>{name}</c>).</summary>
internal sealed record AppliedFault(FaultRule Rule, string MachineName)
{
    public string ActionName => FaultActionNames.NameOf(Rule.Action);
}
