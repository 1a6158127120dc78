using System.Runtime.InteropServices;

namespace TenantDapper.Testing;

/// <summary>Signals a postmaster without starting a process, for the moment the process is exiting.</summary>
internal static class PostmasterSignal
{
    /// <summary>SIGQUIT: PostgreSQL's immediate shutdown (the same number on Linux and macOS).</summary>
    private const int SigQuit = 3;

    /// <summary>Asks the postmaster for an immediate shutdown; false when no such process could be signalled.</summary>
    public static bool ImmediateShutdown(int postmasterId) => Kill(postmasterId, SigQuit) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
