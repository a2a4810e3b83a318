namespace OrbFixtures.Simulator.Commands;

/// <summary>push/pull arguments: the last one is the destination when there are several, else it is ".".</summary>
internal static class CopyArguments
{
    public static (IReadOnlyList<string> Sources, string Destination) Split(IReadOnlyList<string> args) =>
        args.Count == 1 ? (args, ".") : (args.Take(args.Count - 1).ToList(), args[^1]);
}
