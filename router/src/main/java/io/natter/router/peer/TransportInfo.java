package io.natter.router.peer;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the transport knows of a connection, handed to the handshake (dynamic authenticators get it
 * as {@code details.transport}, as Crossbar's do).
 *
 * <p>{@link #toString()} leaves out the values of credential-bearing headers ({@code Authorization},
 * {@code Cookie}, ...), so logging a {@code TransportInfo} leaks nothing.
 *
 * @param transportId the configured transport's id (its JSON path in the config)
 * @param peer the peer's address in Crossbar's form, e.g. {@code tcp4:1.2.3.4:5678}
 * @param httpHeaders the upgrade request's HTTP headers, names in lower case (a repeated header's
 *     values joined with {@code ", "})
 * @param protocol the negotiated WebSocket subprotocol, e.g. {@code wamp.2.json}
 */
public record TransportInfo(String transportId, String peer, Map<String, String> httpHeaders, String protocol) {

    private static final Set<String> HIDDEN = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    public TransportInfo {
        Objects.requireNonNull(transportId, "transportId");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(protocol, "protocol");
        Map<String, String> lower = new TreeMap<>();
        Objects.requireNonNull(httpHeaders, "httpHeaders").forEach((name, value) -> lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b));
        httpHeaders = Collections.unmodifiableMap(lower);
    }

    /** Crossbar's peer form of an IP address and port: {@code tcp4:host:port} or {@code tcp6:host:port}. */
    public static String peerOf(String host, int port) {
        return (host != null && host.indexOf(':') >= 0 ? "tcp6:" : "tcp4:") + host + ":" + port;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        httpHeaders.forEach((name, value) -> shown.put(name, HIDDEN.contains(name) ? "***" : value));
        return "TransportInfo[transportId=" + transportId + ", peer=" + peer + ", httpHeaders=" + shown + ", protocol=" + protocol + "]";
    }
}
