using System.Net;
using System.Net.Sockets;

namespace Depwatch.Server.Web.SignIn;

/// <summary>The key sign-in throttling counts a client under: its IPv4 address, or its IPv6 /64 (one machine's usual share).</summary>
internal static class ClientAddress
{
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
