using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.Validation;

/// <summary>
/// One rule per value, whatever layer meets it first: a spec (<see cref="MachineSpec.Validate"/>) and the client's
/// request (<see cref="OrbCtlClient"/>) accept and reject the same users, versions, distros, architectures and
/// commands, so a spec that validates is never rejected later by OrbFixtures itself. Distro knowledge is data, not a
/// gate: a well-formed distro OrbFixtures does not know validates, and the reuse shape is what the spec says.
/// </summary>
public sealed class ValidationLayerTests
{
    private readonly ObservedClock _clock = new();
    private readonly FakeOrbCtlProcessRunner _runner;
    private readonly OrbCtlClient _client;

    public ValidationLayerTests()
    {
        _runner = new FakeOrbCtlProcessRunner(_clock).ThenSucceed().ThenSucceed().ThenSucceed();
        _client = TestClients.Create(_runner, _clock);
    }

    public static TheoryData<string> Users => ["app", "app_user", "app.user", "a-b", "-u", "app user", "a!b", "a:b", "ü"];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task A_user_name_passes_the_spec_exactly_when_it_passes_the_client(string user)
    {
        var spec = Accepts(() => MachineSpec.Create("db", "ubuntu").WithUser(user).Validate());
        var create = await AcceptsAsync(() => _client.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", User: user)));
        var run = await AcceptsAsync(() => _client.RunAsync(new RunCommandRequest("of-a", ["id"], User: user)));

        Assert.Equal(spec, create);
        Assert.Equal(spec, run);
        Assert.Equal(ArgvRules.IsUserName(user), spec);
    }

    [Theory]
    [InlineData("ubuntu:24.04", true)]
    [InlineData("centos:9-Stream", true)]
    [InlineData("rhel:10", true)] // a distro OrbFixtures does not know: orbctl decides
    [InlineData("ubuntu:24 04", false)]
    [InlineData("ubuntu:-rc", false)]
    [InlineData("ubuntu:24.04:x", false)]
    [InlineData("-ubuntu", false)]
    [InlineData("ubu ntu", false)]
    public async Task An_image_passes_the_spec_exactly_when_it_passes_the_client(string image, bool valid)
    {
        var spec = MachineSpec.Create("db", image);

        Assert.Equal(valid, Accepts(spec.Validate));
        Assert.Equal(valid, await AcceptsAsync(() => _client.CreateAsync(new CreateMachineRequest("of-a", spec.Distro, spec.Version))));
    }

    [Theory]
    [InlineData("arm64", true)]
    [InlineData("amd64", true)]
    [InlineData("i386", true)]
    [InlineData("arm32", false)]
    [InlineData("ARM64", false)]
    public async Task An_architecture_passes_the_spec_exactly_when_it_passes_the_client(string arch, bool valid)
    {
        Assert.Equal(valid, Accepts(() => MachineSpec.Create("db", "ubuntu").WithArch(arch).Validate()));
        Assert.Equal(valid, await AcceptsAsync(() => _client.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", Arch: arch))));
    }

    public static TheoryData<string?[]> Commands => new()
    {
        { new string?[] { "true" } },
        { new string?[] { "sh", "-c", "exit 0" } },
        { Array.Empty<string?>() },
        { new string?[] { " " } },
        { new string?[] { "--", "true" } },
        { new string?[] { "-c", "true" } },
        { new string?[] { "echo", null } },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_readiness_probe_passes_the_spec_exactly_when_the_client_would_run_it(string?[] command)
    {
        var spec = Accepts(() => MachineSpec.Create("db", "ubuntu").WithReadinessProbe(command!).Validate());
        var run = await AcceptsAsync(() => _client.RunAsync(new RunCommandRequest("of-a", command!)));

        Assert.Equal(spec, run);
        Assert.Equal(ArgvRules.CommandProblem(command) is null, spec);
    }

    [Fact]
    public void Rejections_name_the_value_and_cite_the_rule()
    {
        var user = Rejection(MachineSpec.Create("db", "ubuntu").WithUser("-u"));
        Assert.Contains(Quoted("-u"), user, StringComparison.Ordinal);
        Assert.Contains(ArgvRules.UserNameRule, user, StringComparison.Ordinal);

        var version = Rejection(MachineSpec.Create("db", "ubuntu:24 04"));
        Assert.Contains(Quoted("24 04"), version, StringComparison.Ordinal);
        Assert.Contains(ArgvRules.ImageTokenRule, version, StringComparison.Ordinal);

        string?[] probe = ["echo", null];
        Assert.Contains(ArgvRules.CommandProblem(probe)!, Rejection(MachineSpec.Create("db", "ubuntu").WithReadinessProbe(probe!)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rhel")]
    [InlineData("ubunto:24.04")]
    [InlineData("almalinux:10")]
    public void A_well_formed_distro_OrbFixtures_does_not_know_validates(string image) => MachineSpec.Create("db", image).Validate();

    [Theory]
    [InlineData("arch")]
    [InlineData("void")]
    public void Cloud_init_on_a_distro_listed_without_it_is_left_to_orbctl(string distro) =>
        MachineSpec.Create("db", distro).WithUserData("#cloud-config\n").Validate();

    [Theory]
    [InlineData("ubuntu", "ubuntu:plucky")] // the table's "latest" for ubuntu: it moves with OrbStack releases
    [InlineData("ubuntu:24.04", "ubuntu:noble")] // an alias OrbStack resolves: what the spec says is what counts
    [InlineData("debian", "debian:bookworm")]
    [InlineData("rhel", "rhel:10")]
    public void The_reuse_shape_is_the_image_as_the_spec_writes_it(string one, string other) =>
        Assert.NotEqual(MachineSpec.Create("db", one).CanonicalShape(), MachineSpec.Create("db", other).CanonicalShape());

    [Fact]
    public void The_reuse_shape_of_an_unknown_distro_is_stable() =>
        Assert.Equal(MachineSpec.Create("db", "rhel").CanonicalShape(), MachineSpec.Create("db", "rhel").CanonicalShape());

    [Fact]
    public void The_name_prefix_rule_states_the_length_it_checks()
    {
        Assert.Contains(MachineNames.MaxPrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture), MachineNames.PrefixRule, StringComparison.Ordinal);
        Assert.Null(MachineNames.PrefixProblem(new string('p', MachineNames.MaxPrefixLength)));
        Assert.Equal(MachineNames.PrefixRule, MachineNames.PrefixProblem(new string('p', MachineNames.MaxPrefixLength + 1)));
        // A longest prefix, a session id and a one-character logical name still make a valid machine name.
        Assert.Null(MachineNames.Problem($"{new string('p', MachineNames.MaxPrefixLength)}-k3x9-{new string('l', MachineNames.MaxLength - MachineNames.MaxPrefixLength - 6)}"));
    }

    private static string Quoted(string value) => "'" + value + "'";

    private static string Rejection(MachineSpec spec) => Assert.Throws<ArgumentException>(spec.Validate).Message;

    private static bool Accepts(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task<bool> AcceptsAsync(Func<Task> call)
    {
        var before = _runner.Invocations.Count;
        try
        {
            await call();
            return true;
        }
        catch (ArgumentException)
        {
            Assert.Equal(before, _runner.Invocations.Count); // rejected before any process started
            return false;
        }
    }
}
