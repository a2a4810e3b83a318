using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace MachineSuite;

/// <summary>With <c>MACHINESUITE_SECRET</c> set, a command carrying that secret (as an argument, and printed to stdout
/// and stderr) fails; the nested test then looks for the secret in everything the run left behind.</summary>
[Collection(DbCollection.Name)]
public sealed class SecretTests(DbStack stack, ITestOutputHelper output) : MachineTest<DbStack>(stack, output)
{
    [MachineFact]
    public async Task Fails_with_a_secret_in_the_command_and_its_output()
    {
        if (Environment.GetEnvironmentVariable("MACHINESUITE_SECRET") is not { Length: > 0 } secret) return;

        await this["db"].RunAsync(["sh", "-c", $"echo token={secret}; no-such-tool-{secret}"],
            new RunOptions { Secrets = [secret], ThrowOnNonZeroExit = true });
    }
}
