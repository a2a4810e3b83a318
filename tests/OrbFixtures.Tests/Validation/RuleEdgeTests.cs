using System.Globalization;
using System.Text.RegularExpressions;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.Validation;

/// <summary>
/// The rules of <see cref="MachineNames"/>, <see cref="ArgvRules"/> and <see cref="ResourceRules"/> at their edges: every
/// reserved name, the length limits on both sides, and a problem that names the value it rejects (how the layers use
/// them is <see cref="ValidationLayerTests"/>').
/// </summary>
public sealed class RuleEdgeTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("vm")]
    [InlineData("host")]
    [InlineData("services")]
    [InlineData("gateway")]
    [InlineData("k8s")]
    [InlineData("docker")]
    public void OrbStacks_reserved_names_are_refused_as_machine_and_as_logical_names(string name)
    {
        Assert.Contains(name, MachineNames.Problem(name)!, StringComparison.Ordinal);
        Assert.Contains(name, MachineNames.LogicalNameProblem(name)!, StringComparison.Ordinal);
        Assert.Null(MachineNames.Problem(name + "1"));
        // Both problems list every reserved name, each one readable on its own.
        NamesEachAsAWord(MachineNames.Reserved, MachineNames.Problem(name)!);
        NamesEachAsAWord(MachineNames.Reserved, MachineNames.LogicalNameProblem(name)!);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("-db")]
    [InlineData(".db")]
    [InlineData("my_db")]
    [InlineData("my db")]
    [InlineData("db\n")]
    public void A_name_against_orbstacks_pattern_is_refused_naming_it(string name) =>
        Assert.Contains(name, MachineNames.Problem(name)!, StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_name_is_refused(string? name) => Assert.NotEmpty(MachineNames.Problem(name)!);

    [Theory]
    [InlineData("db")]
    [InlineData("a1")]
    [InlineData("1.db-2")]
    public void A_name_of_orbstacks_pattern_is_valid(string name) => Assert.Null(MachineNames.Problem(name));

    [Fact]
    public void A_machine_name_may_be_63_characters_and_a_longer_one_is_refused_with_its_length_and_the_limit()
    {
        var longest = new string('m', MachineNames.MaxLength);
        var tooLong = longest + "m";

        Assert.Null(MachineNames.Problem(longest));
        var problem = MachineNames.Problem(tooLong)!;
        Assert.Contains(tooLong, problem, StringComparison.Ordinal);
        Assert.Contains(Number(MachineNames.MaxLength + 1), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_throws_for_the_parameter_it_is_given_with_the_names_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => MachineNames.Validate("my_db", "machine"));

        Assert.Equal("machine", e.ParamName);
        Assert.Contains(MachineNames.Problem("my_db")!, e.Message, StringComparison.Ordinal);
        MachineNames.Validate("db", "machine");
    }

    [Fact]
    public void A_logical_name_must_leave_room_in_the_machine_name_and_a_too_long_one_is_refused_citing_the_limit()
    {
        Assert.Null(MachineNames.LogicalNameProblem(new string('l', MachineNames.MaxLength - 1)));
        Assert.Null(MachineNames.LogicalNameProblem("x")); // one character completes a name

        var problem = MachineNames.LogicalNameProblem(new string('l', MachineNames.MaxLength))!;
        Assert.Contains(Number(MachineNames.MaxLength), problem, StringComparison.Ordinal);

        // A longer one: the problem names the logical name, its length and the limit (three different values).
        var tooLong = new string('m', MachineNames.MaxLength + 5);
        var longer = MachineNames.LogicalNameProblem(tooLong)!;
        Assert.Contains(tooLong, longer, StringComparison.Ordinal);
        Assert.Contains(Number(tooLong.Length), longer, StringComparison.Ordinal);
        NamesEachAsAWord([Number(MachineNames.MaxLength)], longer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-db")]
    [InlineData("my_db")]
    public void A_logical_name_that_cannot_end_a_machine_name_is_refused(string? logicalName)
    {
        var problem = MachineNames.LogicalNameProblem(logicalName)!;
        Assert.NotEmpty(problem);
        Assert.Contains(logicalName ?? "", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_problem_names_what_is_wrong_and_a_runnable_command_has_none()
    {
        Assert.NotEmpty(ArgvRules.CommandProblem(null)!);
        Assert.NotEmpty(ArgvRules.CommandProblem([])!);
        Assert.NotEmpty(ArgvRules.CommandProblem([""])!);
        const string flag = "-x";
        Assert.Contains(flag, ArgvRules.CommandProblem([flag, "y"])!, StringComparison.Ordinal);
        Assert.NotEmpty(ArgvRules.CommandProblem(["ls", null])!);
        Assert.Null(ArgvRules.CommandProblem(["ls", "-la", ""]));
    }

    [Theory]
    [InlineData("ubuntu", true)]
    [InlineData("9-Stream", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-ubuntu", false)]
    [InlineData("ubu\tntu", false)]
    [InlineData("ubuntu:24.04", false)]
    public void An_image_token_is_one_argv_word_orbctl_cannot_read_as_a_flag_or_split(string? token, bool valid) =>
        Assert.Equal(valid, ArgvRules.IsImageToken(token));

    [Theory]
    [InlineData("app", true)]
    [InlineData("a-b_c.d9", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-app", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    public void A_user_name_is_letters_digits_dash_underscore_and_dot(string? user, bool valid) =>
        Assert.Equal(valid, ArgvRules.IsUserName(user));

    [Fact]
    public void An_architecture_is_one_orbstack_knows_or_none_and_the_problem_names_it()
    {
        Assert.Null(ArgvRules.ArchitectureProblem(null));
        Assert.All(ArgvRules.Architectures, arch => Assert.Null(ArgvRules.ArchitectureProblem(arch)));
        Assert.Equal(["arm64", "amd64", "i386"], ArgvRules.Architectures);
        const string unknown = "riscv64";
        Assert.Contains(unknown, ArgvRules.ArchitectureProblem(unknown)!, StringComparison.Ordinal);
        NamesEachAsAWord(ArgvRules.Architectures, ArgvRules.ArchitectureProblem(unknown)!);
    }

    [Fact]
    public void A_value_after_a_flag_must_not_be_empty_or_read_as_a_flag()
    {
        const string what = "source path";

        Assert.Contains(what, ArgvRules.FlagValueProblem("", what)!, StringComparison.Ordinal);
        Assert.Contains(what, ArgvRules.FlagValueProblem(null, what)!, StringComparison.Ordinal);
        const string flagLike = "-rf";
        Assert.Contains(flagLike, ArgvRules.FlagValueProblem(flagLike, what)!, StringComparison.Ordinal);
        Assert.Null(ArgvRules.FlagValueProblem("./-rf", what));
    }

    [Fact]
    public void Resources_at_the_edges_of_their_ranges_are_valid_and_one_beyond_is_refused_naming_the_value()
    {
        const string owner = "machine 'db'";
        var memory = ResourceRules.MemoryMib;
        var disk = ResourceRules.DiskGib;

        Assert.Null(ResourceRules.Problem(new MachineResources(Cpus: 1, MemoryMib: memory.Min, DiskGib: disk.Min), owner, hostCores: 1));
        Assert.Null(ResourceRules.Problem(new MachineResources(Cpus: 4, MemoryMib: memory.Max, DiskGib: disk.Max), owner, hostCores: 4));
        Assert.Contains(Number(5), ResourceRules.Problem(new MachineResources(Cpus: 5), owner, hostCores: 4)!, StringComparison.Ordinal);
        Assert.Contains(Number(0), ResourceRules.Problem(new MachineResources(Cpus: 0), owner, hostCores: 4)!, StringComparison.Ordinal);
        Assert.Contains(Number(memory.Max + 1), ResourceRules.Problem(new MachineResources(MemoryMib: memory.Max + 1), owner, 4)!, StringComparison.Ordinal);
        Assert.Contains(Number(memory.Min - 1), ResourceRules.Problem(new MachineResources(MemoryMib: memory.Min - 1), owner, 4)!, StringComparison.Ordinal);
        Assert.Contains(Number(disk.Max + 1), ResourceRules.Problem(new MachineResources(DiskGib: disk.Max + 1), owner, 4)!, StringComparison.Ordinal);
        Assert.Contains(owner, ResourceRules.Problem(new MachineResources(DiskGib: disk.Min - 1), owner, 4)!, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranges_contain_both_ends_and_nothing_beyond()
    {
        var whole = new IntegerRange(1, 3);
        var span = new DurationRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        Assert.Equal([false, true, true, false], new[] { 0, 1, 3, 4 }.Select(whole.Contains));
        Assert.Equal([false, true, true, false], new[] { 0.999, 1, 3, 3.001 }.Select(s => span.Contains(TimeSpan.FromSeconds(s))));
        Assert.Equal(2, whole.Check(2, "setting"));
        var e = Assert.Throws<OrbFixturesConfigurationException>(() => span.Check(TimeSpan.FromSeconds(4), "setting"));
        Assert.Equal(("setting", "00:00:04"), (e.Key, e.Value));
        Assert.Contains(span.ToString(), e.Expected, StringComparison.Ordinal);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Each of <paramref name="values"/> appears in <paramref name="text"/> as a word of its own (a list the
    /// reader can tell apart, not the values run together).</summary>
    private static void NamesEachAsAWord(IEnumerable<string> values, string text) =>
        Assert.All(values, value => Assert.True(Regex.IsMatch(text, $@"(?<![\w.-]){Regex.Escape(value)}(?![\w.-])"), $"'{value}' is not a word of: {text}"));
}
