// Lets the v2 suite's fixture files (DbStack.cs, BrokenStack.cs) compile here unchanged: they import
// Xunit.Abstractions, which v3 removed, for IMessageSink, which v3 moved to Xunit.Sdk.
global using Xunit.Sdk;

#pragma warning disable IDE0161 // an empty namespace declaration, not a file-scoped one: it only has to exist
namespace Xunit.Abstractions
{
}
#pragma warning restore IDE0161
