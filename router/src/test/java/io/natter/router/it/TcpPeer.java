package io.natter.router.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a bare TCP socket, for abuse no WebSocket library commits: pings without
 * ever reading the pongs. Writes masked client frames itself; reads only what a test asks for.
 */
final class TcpPeer implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private TcpPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = socket.getInputStream();
    }

    /** A TCP connection to the router at {@code port}; nothing sent yet. */
    static TcpPeer open(int port) throws IOException {
        return open(port, null);
    }

    /**
     * A TCP connection to the router at 127.0.0.1:{@code port} from {@code localAddress} (any
     * 127.x.y.z: a loopback peer address of its own), or from the default address when null.
     */
    static TcpPeer open(int port, String localAddress) throws IOException {
        Socket socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), RouterIT.WAIT_SECONDS * 1000);
        socket.setSoTimeout(RouterIT.WAIT_SECONDS * 1000);
        return new TcpPeer(socket);
    }

    /**
     * What the router does with this connection within {@code millis}: {@code "closed"} (end of
     * stream or reset), {@code "open"} (nothing to read yet) or {@code "data"}.
     */
    String stateWithin(int millis) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0 ? "closed" : "data";
        } catch (java.net.SocketTimeoutException e) {
            return "open";
        } catch (java.net.SocketException e) {
            return "closed";
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(before);
            }
        }
    }

    /**
     * Reads and drops what the router sends until it closes the connection (end of stream or
     * reset): true if that happens within {@code seconds}.
     */
    boolean closedWithin(int seconds) throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        byte[] sink = new byte[64 * 1024];
        socket.setSoTimeout(200);
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(sink) < 0) {
                    return true;
                }
            } catch (java.net.SocketTimeoutException e) {
                // nothing yet
            } catch (java.net.SocketException e) {
                return true;
            }
        }
        return false;
    }

    /** Reads the rest of what the router sends until it closes the connection. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads the next unfragmented data frame and returns its payload as text (servers send no
     * mask); the router's pings before it are skipped, a close frame ends the stream.
     */
    String readTextFrame() throws IOException {
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                throw new java.io.EOFException("connection closed");
            }
            long length = b1 & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] payload = in.readNBytes((int) length);
            int opcode = b0 & 0x0f;
            if (opcode == 0x8) {
                throw new java.io.EOFException("close frame received");
            }
            if (opcode < 0x8) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
    }

    /** Sends {@code text} as it is (HTTP bytes). */
    void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The WebSocket upgrade of {@code /ws} offering {@code wamp.2.json}; returns the response's status line. */
    String upgrade() throws IOException {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        sendRaw("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: wamp.2.json\r\n\r\n");
        return readHead().lines().findFirst().orElse("");
    }

    /** Reads an HTTP response head (up to the blank line); empty if the connection closed first. */
    String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Sends a masked text frame. */
    void sendText(String text) throws IOException {
        frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a masked ping frame (payload at most 125 bytes). */
    void ping(byte[] payload) throws IOException {
        frame(0x9, payload);
    }

    private void frame(int opcode, byte[] payload) throws IOException {
        int length = payload.length;
        byte[] header;
        if (length <= 125) {
            header = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | length)};
        } else {
            header = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (length >> 8), (byte) length};
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(header);
        out.write(mask);
        out.write(masked);
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }
}
