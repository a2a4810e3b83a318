namespace OrbFixtures.Inventory;

/// <summary>Where a template machine is, as the engine would judge it when a session needs it.</summary>
public enum TemplateState
{
    /// <summary>Built, sealed and stopped, and provably the machine its record describes: sessions clone it.</summary>
    Ready,
    /// <summary>Its build is in flight: its builder session is alive (or runs elsewhere, where that cannot be judged).</summary>
    Building,
    /// <summary>Its builder died before the build finished: never cloned from; the next session (or the reaper) deletes
    /// it, with proof, and builds it again.</summary>
    HalfBuilt,
    /// <summary>Recorded as built, but its machine is no longer stopped (started by hand): never cloned from; the next
    /// session that needs it deletes it, with proof, and builds it again.</summary>
    NotStopped,
    /// <summary>Recorded, but no machine has its name (deleted by hand): the next session that needs it builds it.</summary>
    Missing,
    /// <summary>A machine has its name but is not provably the one its record describes: never touched, never cloned from.</summary>
    NotOurs,
    /// <summary><c>orbctl</c> could not be asked (see <see cref="TemplateListing.OrbctlProblem"/>).</summary>
    Unknown,
}

/// <summary>One template machine OrbFixtures owns in this <c>orbctl</c> world.</summary>
/// <param name="Name">The template machine's name (<c>&lt;prefix&gt;-tpl-&lt;logical&gt;-&lt;hash&gt;</c>).</param>
/// <param name="LogicalName">The template's logical name (<c>MachineTemplate.Create(name, …)</c>).</param>
/// <param name="Hash">The recipe's keyed hash; its first characters are the last part of <paramref name="Name"/>.</param>
/// <param name="State">Whether sessions clone it, build it, or rebuild it.</param>
/// <param name="Id">The ULID recorded for it, once known.</param>
/// <param name="BuiltAt">When its build began (when its record was written, when that is not known).</param>
/// <param name="LastUsedAt">When a session last leased it or ended its lease: its age for collection counts from here.</param>
/// <param name="DiskSize">Its disk usage in bytes, when <c>orbctl info</c> reports it (<see langword="null"/>: not
/// reported, or no machine).</param>
/// <param name="Builder">The session that built it (or is building it).</param>
/// <param name="Leases">The sessions that lease it; it is never deleted while one of them is alive.</param>
/// <param name="Clones">The machines the ledger records as cloned from it now (a clone deleted at the end of its run is
/// no longer recorded).</param>
public sealed record OwnedTemplate(
    string Name,
    string LogicalName,
    string Hash,
    TemplateState State,
    string? Id,
    DateTimeOffset BuiltAt,
    DateTimeOffset LastUsedAt,
    long? DiskSize,
    SessionSummary Builder,
    IReadOnlyList<SessionSummary> Leases,
    IReadOnlyList<string> Clones);

/// <summary>The templates OrbFixtures owns in this <c>orbctl</c> world, and the machines named like templates that it
/// does not own.</summary>
/// <param name="StateDirectory">The state folder read.</param>
/// <param name="Templates">The template records of this world, by name.</param>
/// <param name="NotOwned">Machines named like templates (<c>&lt;prefix&gt;-tpl-…</c>) that no record describes: never
/// touched.</param>
/// <param name="OrbctlProblem">Why <c>orbctl</c> could not be asked, when it could not (states are then
/// <see cref="TemplateState.Unknown"/>).</param>
public sealed record TemplateListing(
    string StateDirectory,
    IReadOnlyList<OwnedTemplate> Templates,
    IReadOnlyList<UnownedMachine> NotOwned,
    string? OrbctlProblem);

/// <summary>What <see cref="MachineInventory.RebuildTemplateAsync(string, CancellationToken)"/> did.</summary>
/// <param name="Template">The template machine's name.</param>
/// <param name="Discarded">Whether the template is gone (its machine deleted with proof, or already absent, and its
/// record removed), so the next session that needs it builds it again.</param>
/// <param name="Actions">The reaper's decisions, in order: what it did, or why it left the template alone.</param>
public sealed record TemplateRebuild(string Template, bool Discarded, IReadOnlyList<Diagnostics.ReaperAction> Actions);

/// <summary>What <see cref="MachineInventory.PruneTemplatesAsync(TimeSpan?, bool, CancellationToken)"/>
/// did, or would do on a dry run.</summary>
/// <param name="DryRun">Whether nothing was changed.</param>
/// <param name="OlderThan">How long a template had to be unused to be collected.</param>
/// <param name="Actions">Each template collected (or that would be) and each left alone, with why, in order.</param>
/// <param name="TemplatesDeleted">Template machines deleted (or, on a dry run, that would be).</param>
/// <param name="NotOwned">Machines named like templates that no record describes: left untouched.</param>
public sealed record TemplatePrune(
    bool DryRun,
    TimeSpan OlderThan,
    IReadOnlyList<Diagnostics.ReaperAction> Actions,
    int TemplatesDeleted,
    IReadOnlyList<UnownedMachine> NotOwned);
