using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>Secrets never reach histories or exception messages; the process itself still gets the real values.</summary>
public sealed class RedactionTests
{
    private const string Password = "hunter2-Secret";

    private readonly ObservedClock _clock = new();

    [Fact]
    public async Task Marked_secrets_are_masked_in_argv_output_and_messages_but_passed_to_the_process()
    {
        var runner = new FakeOrbCtlProcessRunner(_clock).Then(1, $"set {Password}\n", $"[-32098] chpasswd failed for {Password}\n");
        var history = new MachineLog("secrets");
        var request = new RunCommandRequest("of-a", ["sh", "-c", $"echo root:{Password} | chpasswd"], StandardInput: "stdin-secret")
        {
            Secrets = [Password],
        };

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => TestClients.Create(runner, _clock).RunAsync(request, history));

        Assert.Contains($"echo root:{Password} | chpasswd", runner.Invocations[0].Arguments);
        var recorded = string.Join("\n", EventText.Render(history), EventJson.ToJson(history).ToJsonString(), error.Message, error.StandardError,
            error.StandardOutput, string.Join(' ', error.Arguments));
        Assert.DoesNotContain(Password, recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("stdin-secret", recorded, StringComparison.Ordinal);
        Assert.Contains("echo root:*** | chpasswd", recorded, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_secret_in_a_push_or_pull_path_is_masked_where_the_copy_is_recorded(bool push)
    {
        var runner = new FakeOrbCtlProcessRunner(_clock).Then(1, "", $"open /tmp/{Password}/key: no such file or directory\n");
        var history = new MachineLog("copy");
        var client = TestClients.Create(runner, _clock);
        var path = $"/tmp/{Password}/key";

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => push
            ? client.PushAsync("of-a", path, "key", [Password], history)
            : client.PullAsync("of-a", "key", path, [Password], history));

        Assert.Contains(path, runner.Invocations[0].Arguments);
        var recorded = string.Join("\n", EventText.Render(history), EventJson.ToJson(history).ToJsonString(), error.Message, error.StandardError, string.Join(' ', error.Arguments));
        Assert.DoesNotContain(Password, recorded, StringComparison.Ordinal);
        Assert.Contains("/tmp/***/key", recorded, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_password_flag_value_is_always_masked()
    {
        Assert.Equal(["create", "--set-password=***", "ubuntu", "of-a"],
            SecretRedactor.None.Argv(["create", $"--set-password={Password}", "ubuntu", "of-a"]));
    }

    [Fact]
    public void A_longer_secret_containing_a_shorter_one_is_masked_whole()
    {
        var redactor = new SecretRedactor(["abc", "xxabcxx", ""]);
        Assert.Equal("token=*** and ***", redactor.Text("token=xxabcxx and abc"));
    }
}
