using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Validation;

namespace OrbFixtures.Inventory;

/// <summary>The template machines (<c>orbfixtures templates</c>): listed with the state a session would find them in,
/// rebuilt by discarding one safely, and pruned by the reaper's own decisions restricted to templates.</summary>
public sealed partial class MachineInventory
{
    /// <summary>Every template record of this world with its state (as a session needing it would judge it), disk size,
    /// last use, leases and recorded clones, and the machines named like templates that no record describes. Each
    /// template is looked up with <c>orbctl info</c> (for its disk size); when <c>orbctl</c> cannot be asked, the
    /// records are listed with <see cref="TemplateState.Unknown"/> and <see cref="TemplateListing.OrbctlProblem"/> says
    /// why. Nothing is changed and no lock is taken.</summary>
    /// <exception cref="UnauthorizedAccessException">The state folder is not safe to read (named, with the fix).</exception>
    public async Task<TemplateListing> ListTemplatesAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnsafe();
        var scan = _session.Ledger.Scan();
        var templates = TemplateRecords(scan);
        IReadOnlyList<MachineInfo> listed = [];
        var infos = new Dictionary<string, MachineInfo?>(StringComparer.Ordinal);
        string? orbctlProblem = null;
        try
        {
            listed = await _session.Client.ListAsync(log: null, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var record in templates)
                infos[record.Name] = await _session.Client.GetInfoAsync(record.Name, log: null, cancellationToken).ConfigureAwait(false);
        }
        catch (OrbCtlException e)
        {
            orbctlProblem = e.Message;
        }
        var notOwned = NotOwnedTemplates(listed, scan);
        var owned = templates.Select(r => new OwnedTemplate(r.Name, r.LogicalName, r.SpecHash,
            orbctlProblem is null ? StateOf(r, infos.GetValueOrDefault(r.Name)) : TemplateState.Unknown,
            r.Id, r.CreateStartedAt ?? r.UpdatedAt, r.UpdatedAt, orbctlProblem is null ? infos.GetValueOrDefault(r.Name)?.DiskSize : null,
            Summary(r.Owner), [.. r.Leases.Select(Summary)],
            [.. scan.Records.Where(c => c.ClonedFrom == r.Name && c.World == _session.World).Select(c => c.Name).Order(StringComparer.Ordinal)]))
            .ToList();
        return new TemplateListing(StateDirectory, owned, notOwned, orbctlProblem);
    }

    /// <summary>The template machines of this world that <paramref name="name"/> stands for: the one with that machine
    /// name, or every one with that logical name (several when recipes of one logical name were built; an older one
    /// goes once no lease holds it). Empty when it names no template OrbFixtures owns here.</summary>
    /// <exception cref="UnauthorizedAccessException">The state folder is not safe to read (named, with the fix).</exception>
    public IReadOnlyList<string> TemplatesNamed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfUnsafe();
        var templates = TemplateRecords(_session.Ledger.Scan());
        return templates.Any(r => r.Name == name)
            ? [name]
            : [.. templates.Where(r => r.LogicalName == name).Select(r => r.Name)];
    }

    /// <summary>
    /// Discards the template <paramref name="templateName"/> so that the next session that needs it builds it again:
    /// its machine is deleted, with the ownership proof, and its record removed, through the reaper's own code. Nothing
    /// is done while a session provisions the name (a build or a lease in flight: its name lock is held), while a live
    /// session leases it, or while its builder may still be building it; a machine under the name that is not provably
    /// the record's is never touched. <see cref="TemplateRebuild.Actions"/> says what was done, or why not.
    /// </summary>
    /// <remarks>The template is deleted rather than marked: the engine already rebuilds a template whose machine is
    /// missing, clones are copies that do not need their template, and a deleted template cannot be cloned by any
    /// version of OrbFixtures sharing the state folder, where a mark would be ignored by one that predates it.</remarks>
    /// <exception cref="ArgumentException"><paramref name="templateName"/> is not a template machine of this world
    /// (see <see cref="TemplatesNamed(string)"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The state folder is not safe to use (named, with the fix).</exception>
    public async Task<TemplateRebuild> RebuildTemplateAsync(string templateName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        ThrowIfUnsafe();
        var record = TemplateRecords(_session.Ledger.Scan()).FirstOrDefault(r => r.Name == templateName)
            ?? throw new ArgumentException($"'{templateName}' is not a template machine OrbFixtures owns in this orbctl world.", nameof(templateName));
        var log = new MachineLog($"rebuild of {templateName}", capacity: 1_000);
        var reaper = new MachineReaper(_session, log, new ReapMode(DryRun: false, ReportLeftAlone: true));
        await reaper.CollectTemplateAsync(record, "a rebuild was asked for (orbfixtures templates rebuild)", cancellationToken).ConfigureAwait(false);
        var actions = log.Events.OfType<ReaperAction>().ToList();
        var discarded = actions.Any(a => a.Action is ReaperActionKind.Deleted or ReaperActionKind.RecordRemoved);
        return new TemplateRebuild(templateName, discarded, actions);
    }

    /// <summary>
    /// Collects the templates of this world that the reaper of a test run would collect, with its safety: those unused
    /// for longer than <paramref name="olderThan"/> (by default <see cref="OrbFixturesOptions.TemplateMaxAge"/>), those
    /// superseded by a newer build of their logical name, and half-built ones whose builder died; never one a live
    /// session leases or provisions, and never a machine that is not provably the record's. With
    /// <paramref name="dryRun"/>, it decides the same way but changes nothing. Every template left alone is reported
    /// with why, and so are machines named like templates that are not OrbFixtures' (never touched).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="olderThan"/> is outside 0 to 3650 days.</exception>
    /// <exception cref="UnauthorizedAccessException">The state folder is not safe to use (named, with the fix).</exception>
    /// <exception cref="OrbCtlException"><c>orbctl list</c> could not be asked.</exception>
    public async Task<TemplatePrune> PruneTemplatesAsync(TimeSpan? olderThan, bool dryRun, CancellationToken cancellationToken = default)
    {
        var maxAge = olderThan ?? _session.Options.TemplateMaxAge;
        if (!OptionRanges.TemplateMaxAge.Contains(maxAge))
            throw new ArgumentOutOfRangeException(nameof(olderThan), maxAge, $"A template age must be {OptionRanges.TemplateMaxAge}.");
        ThrowIfUnsafe();
        var listed = await _session.Client.ListAsync(log: null, cancellationToken: cancellationToken).ConfigureAwait(false);
        var notOwned = NotOwnedTemplates(listed, _session.Ledger.Scan());
        var log = new MachineLog($"template prune of {StateDirectory}", capacity: 10_000);
        var reaper = new MachineReaper(_session, log, new ReapMode(dryRun, ReportLeftAlone: true, TemplatesOnly: true, TemplateMaxAge: maxAge));
        var deleted = await reaper.ReapAsync(cancellationToken).ConfigureAwait(false);
        return new TemplatePrune(dryRun, maxAge, [.. log.Events.OfType<ReaperAction>()], deleted, notOwned);
    }

    /// <summary>Reads a template age as <c>ORBFIXTURES_TEMPLATE_MAX_AGE</c> is read (seconds, or <c>d.hh:mm:ss</c>; 0
    /// to 3650 days), for a value given under another name such as a command-line option.</summary>
    /// <param name="value">The value as written.</param>
    /// <param name="setting">What the value was given as, named in the error (e.g. <c>--older-than</c>).</param>
    /// <exception cref="OrbFixturesConfigurationException">The value is not such a duration (the setting, the value and
    /// the accepted forms are named).</exception>
    public static TimeSpan ParseTemplateAge(string value, string setting)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(setting);
        var values = new Configuration.ConfigurationValues(new Dictionary<string, string?> { [setting] = value });
        return values.Duration(setting, OptionRanges.TemplateMaxAge)
            ?? throw new OrbFixturesConfigurationException(setting, value, $"a duration {OptionRanges.TemplateMaxAge}");
    }

    /// <summary>The machines named like templates that no record (of any world) describes: never touched.</summary>
    private List<UnownedMachine> NotOwnedTemplates(IReadOnlyList<MachineInfo> listed, LedgerScan scan)
    {
        var recorded = scan.Records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        return [.. listed.Where(m => MachineNaming.IsTemplateName(_session.Options.NamePrefix, m.Name) && !recorded.Contains(m.Name))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => new UnownedMachine(m.Name, m.Id, m.State))];
    }

    private List<LedgerRecord> TemplateRecords(LedgerScan scan) =>
        [.. scan.Records.Where(r => r.Kind == MachineKind.Template && r.World == _session.World).OrderBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>The state a session needing the template would find it in: the same tests as its lease-or-build step.</summary>
    private TemplateState StateOf(LedgerRecord record, MachineInfo? info)
    {
        if (record.State == LedgerState.Creating)
            return _session.Liveness.Judge(record.Owner) == OwnerStatus.Dead ? TemplateState.HalfBuilt : TemplateState.Building;
        if (info is null) return TemplateState.Missing;
        if (!OwnershipProof.Check(info, record.Id, record.CreateStartedAt, record.Expected).IsProven) return TemplateState.NotOurs;
        return info.State == MachineState.Stopped ? TemplateState.Ready : TemplateState.NotStopped;
    }
}
