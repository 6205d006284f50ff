using System.Net;
using System.Net.Sockets;

namespace Depwatch.Server.PackageIndexes;

/// <summary>
/// Keeps outbound connections off loopback, private, link-local and other internal addresses, whatever a host name
/// resolves to (so a mirror URL or one of its redirects cannot reach services on the server's own network).
/// </summary>
internal static class OutboundAddresses
{
    public static ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectToPublicAddressAsync(context, "Depwatch:PackageIndexMirrors:AllowPrivateAddresses", cancellationToken);

    /// <param name="setting">The setting that would allow internal addresses, named in the refusal.</param>
    public static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, string setting, CancellationToken cancellationToken)
    {
        var addresses = await PublicAddressesAsync(context.DnsEndPoint.Host, setting, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses <paramref name="host"/> resolves to, refused when any of them is internal.</summary>
    /// <exception cref="HttpRequestException">The host is at an internal address.</exception>
    public static async Task<IPAddress[]> PublicAddressesAsync(string host, string setting, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.FirstOrDefault(IsInternal) is { } blocked)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{host} is at the internal address {blocked}, and {setting} is off");
        }
        return addresses;
    }

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }
        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 || b[0] >= 224
            || (b[0] == 100 && b[1] is >= 64 and < 128)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] is >= 16 and < 32)
            || (b[0] == 192 && b[1] == 168);
    }
}
