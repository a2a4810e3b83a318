using OrbFixtures.Provisioning;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class NamingTests
{
    [Fact]
    public void Session_ids_are_short_random_lowercase_and_differ_between_provisioners()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => MachineNaming.NewSessionId(_ => false)).ToList();

        Assert.All(ids, id => Assert.Matches("^[a-z0-9]{4}$", id));
        Assert.True(ids.Distinct().Count() > 45, "session ids should practically never repeat");
    }

    [Fact]
    public void A_session_id_already_in_the_ledger_is_never_handed_out()
    {
        var taken = new HashSet<string>();

        for (var i = 0; i < 200; i++) Assert.True(taken.Add(MachineNaming.NewSessionId(taken.Contains)));
    }

    [Fact]
    public void A_ledger_with_every_session_id_taken_fails_after_a_hundred_tries_instead_of_looping()
    {
        var tries = 0;

        Assert.Throws<InvalidOperationException>(() => MachineNaming.NewSessionId(_ => ++tries > 0));

        Assert.Equal(100, tries);
    }

    [Fact]
    public void Template_names_are_prefix_tpl_logical_and_the_recipe_hash()
    {
        Assert.Equal("of-tpl-base-0123abcd", MachineNaming.ForTemplate("of", "base", "0123abcd4567ef89"));
    }

    [Fact]
    public void A_composed_name_that_breaks_the_rules_is_rejected_as_the_specs_fault_naming_the_name()
    {
        const string logical = "a_b";
        var name = MachineNaming.For("of", "k3x9", logical);

        var e = Assert.Throws<ArgumentException>(() => MachineNaming.Validate(name, logical));

        Assert.Equal("spec", e.ParamName);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        MachineNaming.Validate("of-k3x9-ab", "ab");
    }

    [Fact]
    public void Names_are_prefix_session_logical_and_reusable_ones_replace_the_session_with_the_spec_hash()
    {
        Assert.Equal("of-k3x9-db", MachineNaming.For("of", "k3x9", MachineSpec.Create("db", "ubuntu"), () => throw new InvalidOperationException()));
        Assert.Equal("of-reuse-db-0123abcd",
            MachineNaming.For("of", "k3x9", MachineSpec.Create("db", "ubuntu").WithReuse(), () => "0123abcd4567ef89"));
    }

    [Fact]
    public void A_name_over_63_characters_is_rejected_naming_it_and_the_limit()
    {
        var logical = new string('x', 56); // 8 + 56 = 64

        var name = MachineNaming.For("of", "k3x9", logical);

        var e = Assert.Throws<ArgumentException>(() => MachineNaming.Validate(name, logical));

        Assert.Equal(MachineNames.MaxLength + 1, name.Length);
        Assert.Contains(MachineNames.Problem(name)!, e.Message, StringComparison.Ordinal); // the name's own rule: it names the name and the limit
    }

    [Theory]
    [InlineData("")]
    [InlineData("-of")]
    [InlineData("my_tests")]
    [InlineData("of-")]
    [InlineData("of\n")]
    [InlineData("averyveryverylongprefix")]
    public void A_bad_prefix_is_explained(string prefix) =>
        Assert.Equal(MachineNames.PrefixRule, MachineNames.PrefixProblem(prefix));

    [Theory]
    [InlineData("of")]
    [InlineData("a")] // one character: the machine names it starts are still long enough
    [InlineData("ci.7")]
    [InlineData("a2345678901234567890")]
    public void A_good_prefix_has_no_problem(string prefix) => Assert.Null(MachineNames.PrefixProblem(prefix));

    [Theory]
    [InlineData("of-tpl-db-0123456789ab", true)]
    [InlineData("of-k3x9-db", false)]
    [InlineData("of-reuse-db-0123456789ab", false)]
    [InlineData("ci-tpl-db-0123456789ab", false)] // another prefix's template
    [InlineData("of-tpldb", false)]
    public void Only_a_name_of_the_prefixs_template_shape_is_taken_for_a_template(string name, bool template) =>
        Assert.Equal(template, MachineNaming.IsTemplateName("of", name));

    [Fact]
    public async Task Each_provisioner_has_its_own_session_and_names_carry_it()
    {
        var dir = Path.Combine(Path.GetTempPath(), "of-naming-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var a = new MachineProvisioner(new OrbFixturesOptions { StateDirectory = dir, OrbctlPath = "/nonexistent/orbctl" });
            await using var b = new MachineProvisioner(new OrbFixturesOptions { StateDirectory = dir, OrbctlPath = "/nonexistent/orbctl" });

            Assert.NotEqual(a.SessionId, b.SessionId);
            Assert.Equal($"of-{a.SessionId}-db", a.MachineNameFor("db"));
            // The reusable name carries the spec's keyed hash: the same for every session of the state directory, another
            // for another spec.
            var reusable = MachineSpec.Create("db", "ubuntu").WithReuse();
            Assert.Matches("^of-reuse-db-[0-9a-f]{8}\\z", a.MachineNameFor(reusable));
            Assert.Equal(a.MachineNameFor(reusable), b.MachineNameFor(reusable));
            Assert.NotEqual(a.MachineNameFor(reusable), a.MachineNameFor(reusable.WithUser("app")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
