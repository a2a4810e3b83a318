using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace MachineSuite;

/// <summary>One machine cloned from a template, shared by the <c>fresh</c> collection.</summary>
public sealed class FreshStack(IMessageSink sink) : MachineFixture(sink)
{
    public static readonly MachineTemplate Base = MachineTemplate.Create("fresh-base", "ubuntu:24.04").WithSetupStep("mkdir", "-p", "/opt/app");

    protected override IEnumerable<MachineSpec> Machines => [MachineSpec.FromTemplate(Base, "web")];
}

[CollectionDefinition(Name)]
public sealed class FreshCollection : ICollectionFixture<FreshStack>
{
    public const string Name = "fresh";
}

/// <summary>
/// <c>[MachineFact(Fresh = true)]</c>: the destructive test damages its clone (a directory the recipe did not make), and
/// the test after it finds a new clone without the damage. Both are destructive so that the orderer runs them in
/// <c>Order</c>, after the collection's other tests.
/// </summary>
[Collection(FreshCollection.Name)]
public sealed class FreshTests(FreshStack stack, ITestOutputHelper output) : MachineTest<FreshStack>(stack, output)
{
    private const string Damage = "/opt/app/damaged";
    private static string? s_damagedId;

    [MachineFact(Destructive = true, Fresh = true, Order = 1)]
    public async Task A_damages_its_machine()
    {
        Assert.Equal(0, (await this["web"].RunAsync("mkdir", "-p", Damage)).ExitCode);
        Assert.Equal(0, (await this["web"].RunAsync("test", "-d", Damage)).ExitCode); // the damage is real
        s_damagedId = this["web"].Id;
    }

    [MachineFact(Destructive = true, Order = 2)]
    public async Task B_gets_a_fresh_clone_without_the_damage()
    {
        Assert.NotNull(s_damagedId); // A ran first
        Assert.NotEqual(s_damagedId, this["web"].Id);
        Assert.Equal(1, (await this["web"].RunAsync("test", "-d", Damage)).ExitCode);
        Assert.Equal(0, (await this["web"].RunAsync("test", "-d", "/opt/app")).ExitCode); // still the template's clone
    }
}
