using System.Net.Sockets;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// Network failures arrive wrapped (Kestrel reports a busy port as an IOException around a SocketException),
/// so they are recognised by the socket error anywhere in the chain, never by the outer type.
/// </summary>
internal static class SocketErrors
{
    public static SocketException? Cause(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }

    public static bool IsAddressInUse(Exception ex) => Cause(ex)?.SocketErrorCode == SocketError.AddressAlreadyInUse;
}
