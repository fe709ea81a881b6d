package io.pulseloop.response.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key a client address is limited under. An IPv4 address is one client. An IPv6 client usually holds a whole
 * /64 (one subnet per home or host, 2^64 addresses the client can pick from freely), so every address of a /64
 * shares one key: otherwise a single client could open an unlimited number of buckets.
 */
final class ClientKeys {

    private ClientKeys() {
    }

    /** The rate-limit key of {@code remoteAddress} (an IP literal, as {@code getRemoteAddr()} gives it). */
    static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return remoteAddress;
        }
        // only literals reach here (a host name has no ':'), so no name lookup happens; drop a zone id "%eth0"
        String literal = remoteAddress;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet6Address) {
                return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
            }
            // an IPv4-mapped IPv6 address is the IPv4 client
            return address.getHostAddress();
        }
        catch (UnknownHostException | IllegalArgumentException notAnAddress) {
            return remoteAddress;
        }
    }
}
