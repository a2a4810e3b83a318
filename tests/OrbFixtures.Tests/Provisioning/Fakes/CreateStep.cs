using OrbFixtures.OrbCtl;

namespace OrbFixtures.Tests.Provisioning.Fakes;

/// <summary>What the fake does on one <c>create</c>.</summary>
internal enum CreateAction
{
    /// <summary>Makes the machine; returns when it is running.</summary>
    Succeed,
    /// <summary>Makes the machine, then never returns until cancelled (the seed's hang).</summary>
    HangAfterCreate,
    /// <summary>Makes the machine, then times out after the create timeout (like a killed attempt).</summary>
    TimeOutAfterCreate,
    /// <summary>Makes nothing and times out after the create timeout.</summary>
    TimeOutWithoutMachine,
    /// <summary>Makes the machine, then fails with "already exists" (a racing earlier attempt).</summary>
    CreateThenAlreadyExists,
    /// <summary>Fails at once with <see cref="CreateStep.Kind"/> and <see cref="CreateStep.Stderr"/>; makes nothing.</summary>
    Fail,
}

/// <summary>One scripted <c>create</c> outcome; a failure carries <paramref name="Hint"/> as the real client adds one to a
/// rejected image.</summary>
internal sealed record CreateStep(CreateAction Action, OrbCtlErrorKind Kind = OrbCtlErrorKind.Unknown, string Stderr = "", string? Hint = null)
{
    public static CreateStep Succeed { get; } = new(CreateAction.Succeed);
    public static CreateStep Hang { get; } = new(CreateAction.HangAfterCreate);

    public static CreateStep Failing(OrbCtlErrorKind kind, string stderr) => new(CreateAction.Fail, kind, stderr);
}
