using OrbFixtures.Cli.Commands;
using Xunit;

namespace OrbFixtures.Tests.Cli;

/// <summary>Arguments: every command is listed by <c>--help</c>; anything unknown is a usage error (exit 2) that
/// names the value, before anything runs.</summary>
public sealed class UsageTests
{
    [Fact]
    public async Task Help_lists_every_command()
    {
        await using var bed = new CliBed();

        var help = await bed.RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        var context = new OrbFixtures.Cli.CliContext(new OrbFixtures.Cli.CliHost(TextWriter.Null, TextWriter.Null, TextReader.Null, false,
            new Dictionary<string, string?>(), new Dictionary<string, string>(), TimeProvider.System));
        Assert.All(CliCommands.All.Select(c => c.Create(context).Name), name => Assert.Contains(name, help.Output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lsit")]
    [InlineData("reap", "--dryrun")]
    [InlineData("report")]
    [InlineData("forget")]
    [InlineData("templates", "rebuild")]
    [InlineData("templates", "prnue")]
    [InlineData("templates", "prune", "--older-than")]
    public async Task Bad_arguments_are_a_usage_error_that_names_them(params string[] args)
    {
        await using var bed = new CliBed();

        var refused = await bed.RunAsync(args);

        Assert.Equal(2, refused.ExitCode);
        Assert.NotEmpty(refused.Error);
        Assert.Empty(bed.World.Log);
    }
}
