using System.Security.Cryptography;
using OrbFixtures.Validation;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Real machine names: <c>&lt;prefix&gt;-&lt;session&gt;-&lt;logical&gt;</c> for a session's own machines, and
/// <c>&lt;prefix&gt;-reuse-&lt;logical&gt;-&lt;hash&gt;</c> for reusable ones: a later session must find them by name, and
/// the spec's keyed hash in the name means two specs never share one (a changed spec makes a new machine; the old one
/// is collected when unused for <see cref="OrbFixturesOptions.ReuseRetention"/>).
/// </summary>
internal static class MachineNaming
{
    /// <summary>Length of a session id: short enough for names, and collisions are caught against the ledger.</summary>
    public const int SessionIdLength = 4;

    /// <summary>The session part of reusable machines' names.</summary>
    public const string ReuseMarker = "reuse";

    /// <summary>The marker of template machines' names.</summary>
    public const string TemplateMarker = "tpl";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new random session id of lowercase letters and digits, never <see cref="ReuseMarker"/>.</summary>
    public static string NewSessionId(Func<string, bool> isTaken)
    {
        for (var i = 0; i < 100; i++)
        {
            var id = RandomNumberGenerator.GetString(Alphabet, SessionIdLength);
            if (!isTaken(id)) return id;
        }
        throw new InvalidOperationException("Could not find a free session id after 100 tries; is the ledger full of stale records?");
    }

    /// <summary>The real name of <paramref name="logicalName"/> in a session.</summary>
    public static string For(string prefix, string sessionId, string logicalName) => $"{prefix}-{sessionId}-{logicalName}";

    /// <summary>The real name of a spec in a session (reusable specs get a session-independent name that carries the
    /// first <see cref="Ownership.SpecHasher.NameLength"/> characters of <paramref name="specHash"/>).</summary>
    public static string For(string prefix, string sessionId, MachineSpec spec, Func<string> specHash) => spec.Reuse
        ? $"{For(prefix, ReuseMarker, spec.LogicalName)}-{specHash()[..Ownership.SpecHasher.NameLength]}"
        : For(prefix, sessionId, spec.LogicalName);

    /// <summary>The name of a template machine: <c>&lt;prefix&gt;-tpl-&lt;logical&gt;-&lt;hash&gt;</c>, the same for every
    /// session sharing the state directory, and a new one whenever the recipe (or the template format) changes.</summary>
    public static string ForTemplate(string prefix, string logicalName, string templateHash) =>
        $"{For(prefix, TemplateMarker, logicalName)}-{templateHash[..Ownership.SpecHasher.NameLength]}";

    /// <summary>Whether <paramref name="name"/> is named like a template machine of <paramref name="prefix"/>
    /// (<c>&lt;prefix&gt;-tpl-…</c>); only the ledger says whether OrbFixtures owns it.</summary>
    public static bool IsTemplateName(string prefix, string name) =>
        name.StartsWith($"{prefix}-{TemplateMarker}-", StringComparison.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> when the composed name breaks OrbStack's rules or the length limit.</summary>
    public static void Validate(string name, string logicalName)
    {
        if (MachineNames.Problem(name) is { } problem)
            throw new ArgumentException(
                $"Logical name '{logicalName}' gives the machine name '{name}', which is not usable: {problem}. " +
                "Use a shorter logical name or NamePrefix.", "spec");
    }
}
