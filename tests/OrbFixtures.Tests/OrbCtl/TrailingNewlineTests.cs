using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.OrbCtl.Fakes;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>
/// Every name check anchors at the very end of the text: a regex <c>$</c> also matches before a final newline, so
/// <c>"db\n"</c> would pass a <c>^...$</c> check. One test per validator feeds a valid name plus <c>\n</c>.
/// </summary>
public sealed class TrailingNewlineTests
{
    [Fact]
    public void A_machine_name_with_a_trailing_newline_is_rejected()
    {
        Assert.Null(MachineNames.Problem("of-k3x9-db"));
        Assert.NotNull(MachineNames.Problem("of-k3x9-db\n"));
    }

    [Fact]
    public async Task The_client_rejects_a_machine_name_with_a_trailing_newline_before_any_process_starts()
    {
        var clock = new ObservedClock();
        var runner = new FakeOrbCtlProcessRunner(clock).ThenSucceed();
        var client = TestClients.Create(runner, clock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetInfoAsync("of-k3x9-db\n"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.RunAsync(new RunCommandRequest("of-k3x9-db\n", ["true"])));
        Assert.Empty(runner.Invocations);
    }

    [Fact]
    public void A_logical_name_with_a_trailing_newline_is_rejected()
    {
        MachineSpec.Create("db", "ubuntu").Validate();
        Assert.Throws<ArgumentException>(() => MachineSpec.Create("db\n", "ubuntu").Validate());
    }

    [Fact]
    public void A_composed_name_with_a_trailing_newline_is_rejected()
    {
        MachineNaming.Validate("of-k3x9-db", "db");
        Assert.Throws<ArgumentException>(() => MachineNaming.Validate("of-k3x9-db\n", "db\n"));
    }

    [Fact]
    public void A_name_prefix_with_a_trailing_newline_is_rejected()
    {
        Assert.Null(MachineNames.PrefixProblem("of"));
        Assert.NotNull(MachineNames.PrefixProblem("of\n"));
    }

    [Fact]
    public void A_user_name_with_a_trailing_newline_is_rejected()
    {
        MachineSpec.Create("db", "ubuntu").WithUser("app").Validate();
        Assert.Throws<ArgumentException>(() => MachineSpec.Create("db", "ubuntu").WithUser("app\n").Validate());
    }

    [Fact]
    public async Task A_run_user_with_a_trailing_newline_is_rejected_before_any_process_starts()
    {
        var clock = new ObservedClock();
        var runner = new FakeOrbCtlProcessRunner(clock).ThenSucceed();
        var client = TestClients.Create(runner, clock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.RunAsync(new RunCommandRequest("of-k3x9-db", ["true"], User: "app\n")));
        Assert.Empty(runner.Invocations);
    }
}
