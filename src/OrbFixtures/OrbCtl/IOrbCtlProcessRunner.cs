namespace OrbFixtures.OrbCtl;

/// <summary>Starts one <c>orbctl</c> process and waits for it. The seam between the client's logic and real
/// processes: unit tests replace it with a scripted fake driven by a fake clock.</summary>
internal interface IOrbCtlProcessRunner
{
    /// <summary>Runs the process to completion. Cancelling <paramref name="cancellationToken"/> kills the whole
    /// process tree and ends in an <see cref="OperationCanceledException"/>. A non-zero exit code is a result.</summary>
    Task<OrbCtlProcessResult> RunAsync(OrbCtlProcessRequest request, CancellationToken cancellationToken);
}
