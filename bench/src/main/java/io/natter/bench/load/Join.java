package io.natter.bench.load;

/** How a generator session joins the realm. */
public sealed interface Join {

    /** No WAMP at all: the socket is used raw (the bare relay). */
    Join RAW = new Raw();

    /** HELLO with no authentication: WELCOME as anonymous. */
    Join ANONYMOUS = new Anonymous();

    /**
     * The static WAMP-CRA user every target with authentication defines: {@code bench/peers/fox-wamp.js}
     * holds it as written, {@code bench/config/natter-router.json} takes the secret from the environment.
     */
    Cra BENCH_USER = new Cra("bench", "bench-secret");

    /** No WAMP session opening: the relay. */
    record Raw() implements Join {
    }

    /** Anonymous HELLO. */
    record Anonymous() implements Join {
    }

    /**
     * WAMP-CRA as a static user: HELLO with {@code authmethods ["wampcra"]}, then the signature
     * of the CHALLENGE with the secret as HMAC-SHA256 key (no salt).
     */
    record Cra(String authid, String secret) implements Join {
        @Override
        public String toString() {
            return "Cra[" + authid + "]";
        }
    }
}
