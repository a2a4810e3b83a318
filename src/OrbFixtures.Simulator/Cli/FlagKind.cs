namespace OrbFixtures.Simulator.Cli;

/// <summary>The pflag value types orbctl's lifecycle commands use.</summary>
internal enum FlagKind
{
    Bool,
    String,
    Int,
}
