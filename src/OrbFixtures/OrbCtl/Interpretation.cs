namespace OrbFixtures.OrbCtl;

/// <summary>What one finished <c>orbctl</c> process means for its operation: a value, a classified failure, or
/// an expected failure that is itself the answer (e.g. <c>info</c> of a missing machine answers "absent").</summary>
internal readonly record struct Interpretation<T>
{
    private Interpretation(T? value, OrbCtlErrorKind? error, string? problem)
    {
        Value = value;
        Error = error;
        Problem = problem;
    }

    /// <summary>The value the operation returns (when not <see cref="IsFailure"/>).</summary>
    public T? Value { get; }

    /// <summary>The classification: set on a failure, and on an expected failure that is the answer.</summary>
    public OrbCtlErrorKind? Error { get; }

    /// <summary>Why the output was rejected, for malformed output (quoted in the exception).</summary>
    public string? Problem { get; }

    /// <summary>Whether the attempt failed (the call may still retry it).</summary>
    public bool IsFailure { get; private init; }

    public static Interpretation<T> Success(T value) => new(value, null, null);

    /// <summary>An error that answers the question, e.g. NotFound for info or delete.</summary>
    public static Interpretation<T> Answer(T value, OrbCtlErrorKind kind) => new(value, kind, null);

    public static Interpretation<T> Failure(OrbCtlErrorKind kind, string? problem = null) =>
        new(default, kind, problem) { IsFailure = true };
}
