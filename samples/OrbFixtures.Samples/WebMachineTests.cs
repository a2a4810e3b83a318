using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Samples;

/// <summary>Reaching a machine: its page from the host once the wait strategies let the tests in, and its addresses.</summary>
[Collection(WebMachineCollection.Name)]
public sealed class WebMachineTests(WebMachine machines, ITestOutputHelper output) : MachineTest<WebMachine>(machines, output)
{
    [MachineFact]
    public async Task The_page_is_served_to_the_host_as_soon_as_the_tests_start()
    {
        using var http = new HttpClient();

        var page = await http.GetStringAsync(this[WebMachine.Web].GetUri("http", Fixture.Port, "/"));

        Assert.Equal(WebMachine.Greeting, page);
    }

    [MachineFact]
    public void The_machine_has_an_orb_local_name_and_an_address()
    {
        var machine = this[WebMachine.Web];

        Assert.Equal($"{machine.Name}.orb.local", machine.Hostname);
        Assert.NotNull(machine.IPv4);
    }
}
