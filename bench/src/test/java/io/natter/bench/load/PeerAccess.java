package io.natter.bench.load;

/** Test access to package-private helpers of {@link Peer}. */
public final class PeerAccess {

    private PeerAccess() {
    }

    /** {@link Peer#sign}. */
    public static String sign(String secret, String challenge) {
        return Peer.sign(secret, challenge);
    }
}
