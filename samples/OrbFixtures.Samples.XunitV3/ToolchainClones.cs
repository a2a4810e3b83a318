using OrbFixtures.Xunit;
using Xunit.Sdk;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>
/// Two machines cloned from one template instead of created. The template <c>toolchain</c> is a recipe — an image and
/// one setup step, standing for a slow install (packages, a toolchain, seed data) — that OrbFixtures builds once into a
/// sealed, stopped template machine; each machine below is a copy-on-write <c>orbctl clone</c> of it, booted with the
/// setup already done. The first run that needs the template builds it; later runs, and other test projects using the
/// same recipe, find it and only clone. Change the recipe (the image, the step) and a new template is built; set
/// <c>ORBFIXTURES_TEMPLATES=rebuild</c> to build it again anyway (README, "Templates").
/// </summary>
public sealed class ToolchainClones(IMessageSink messageSink) : MachineFixture(messageSink)
{
    public const string Builder = "builder";
    public const string Runner = "runner";

    /// <summary>The version the setup step "installs": a directory under <see cref="InstallRoot"/>.</summary>
    public const string Version = "1.4.2";

    public const string InstallRoot = "/opt/toolchain";

    /// <summary>The recipe. Its setup step runs as root while the template is built, never in the clones; on the
    /// simulator it takes 2 s (samples/provisioning-hang.json), paid once by the run that builds the template.</summary>
    public static readonly MachineTemplate Toolchain = MachineTemplate.Create("toolchain", "ubuntu:24.04")
        .WithSetupStep(TimeSpan.FromMinutes(5), "mkdir", "-p", $"{InstallRoot}/{Version}/bin");

    protected override IEnumerable<MachineSpec> Machines =>
    [
        MachineSpec.FromTemplate(Toolchain, Builder),
        MachineSpec.FromTemplate(Toolchain, Runner),
    ];
}
