namespace OrbFixtures.Simulator.Cli;

/// <summary>The two pflag value types orbctl's lifecycle commands use.</summary>
internal enum FlagKind
{
    Bool,
    String,
}
