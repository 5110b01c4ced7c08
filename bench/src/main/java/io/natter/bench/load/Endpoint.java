package io.natter.bench.load;

/**
 * Where the generator connects: a WAMP router's WebSocket path, or the bare relay (no WAMP: a
 * path per room, frames forwarded to the room's other sockets).
 *
 * @param host   loopback address
 * @param port   TCP port
 * @param path   WebSocket path for WAMP (e.g. {@code /ws}); for the relay, the prefix of room paths
 * @param wamp   false for the bare relay
 * @param realm  the realm joined on a WAMP router
 */
public record Endpoint(String host, int port, String path, boolean wamp, String realm) {

    /** A WAMP router at {@code ws://host:port/path}, realm {@code realm1}. */
    public static Endpoint router(String host, int port, String path) {
        return new Endpoint(host, port, path, true, "realm1");
    }

    /** The bare relay at {@code ws://host:port/relay/<room>}. */
    public static Endpoint relay(String host, int port) {
        return new Endpoint(host, port, "/relay/", false, null);
    }

    /** The path a socket opens: the WAMP path, or the relay room's path. */
    public String pathFor(String room) {
        return wamp ? path : path + room;
    }
}
