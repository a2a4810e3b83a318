namespace OrbFixtures;

/// <summary>How machines made with <see cref="MachineSpec.FromTemplate"/> are provisioned (<c>ORBFIXTURES_TEMPLATES</c>).</summary>
public enum TemplateMode
{
    /// <summary>Build each template once and keep it across runs; clone it for every machine. The default.</summary>
    Reuse,
    /// <summary>Build again, once, every template that was built before this run started; then clone as usual.</summary>
    Rebuild,
    /// <summary>No templates: every machine is created from the template's image and runs its setup steps itself (the
    /// same recipe, no clone), e.g. to check that the recipe still works from scratch.</summary>
    Off,
}
