using System.Text;
using OrbFixtures.Simulator;
using OrbFixtures.Simulator.Logging;

// Entry point of the simulated orbctl. Every path ends here with an exit code: expected errors are orbctl's own
// texts, anything unexpected is one line and exit 70 (EX_SOFTWARE), never a stack trace.
var clock = TimeProvider.System;
var startedAt = clock.GetUtcNow();
var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdout = new StreamWriter(Console.OpenStandardOutput(), encoding) { NewLine = "\n" };
var stderr = new StreamWriter(Console.OpenStandardError(), encoding) { NewLine = "\n" };
var log = new InvocationLog(Environment.GetEnvironmentVariable("ORBSIM_LOG"), args, startedAt, clock);
var invocation = new Invocation(args, stdout, stderr, clock, log);

int exitCode;
try
{
    exitCode = invocation.Run();
    log.End(exitCode, invocation.FaultName);
}
catch (Exception e)
{
    exitCode = 70;
    Report(e.Message);
    try
    {
        log.End(exitCode, invocation.FaultName);
    }
    catch (Exception logError)
    {
        Report($"cannot write ORBSIM_LOG: {logError.Message}");
    }
}

// A reader that went away (closed pipe) must not turn into an unhandled exception.
try
{
    stdout.Flush();
}
catch (IOException)
{
}

try
{
    stderr.Flush();
}
catch (IOException)
{
}

return exitCode;

void Report(string message)
{
    try
    {
        stderr.Write($"orbsim: internal error: {message}\n");
    }
    catch (IOException)
    {
    }
}
