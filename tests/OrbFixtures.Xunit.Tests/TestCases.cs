using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit.Tests;

/// <summary>Builds real xUnit test-case objects over methods of sample classes (reflection, as the VSTest adapter does).</summary>
internal static class TestCases
{
    public static ITestMethod Method(Type type, string name)
    {
        var assembly = new TestAssembly(Reflector.Wrap(type.Assembly));
        var collection = new TestCollection(assembly, null, "samples");
        var @class = new TestClass(collection, Reflector.Wrap(type));
        var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance)
                     ?? throw new ArgumentException($"{type.Name} has no method {name}.", nameof(name));
        return new TestMethod(@class, Reflector.Wrap(method));
    }

    public static MachineTestCase Machine(Type type, string name, params object[] arguments) =>
        new(new NullMessageSink(), TestMethodDisplay.Method, TestMethodDisplayOptions.None, Method(type, name),
            arguments.Length == 0 ? null : arguments);

    public static XunitTestCase Plain(Type type, string name) =>
        new(new NullMessageSink(), TestMethodDisplay.Method, TestMethodDisplayOptions.None, Method(type, name));
}
