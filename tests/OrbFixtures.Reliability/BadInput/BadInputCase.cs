namespace OrbFixtures.Reliability.BadInput;

/// <summary>One piece of bad input: what is done with it, the exception type it must raise, and what the message must
/// name (the value and the rule).</summary>
internal sealed record BadInputCase(Func<BadInputBench, Task> Attempt, Type Expected, params string[] Mentions);
