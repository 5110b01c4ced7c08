package io.natter.app.security;

import io.natter.app.config.AppConfig;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.auth.WampCra;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Mints user tokens and derives the key the server keeps in their place.
 *
 * <p>A token is {@code <name>.<token_id>.<secret>}: the user's name, the token's id (22
 * base64url chars, 128 random bits, public: it names the device's token in URLs and in WAMP-CRA's
 * {@code authextra.token_id}) and 43 base64url chars (256 random bits). Name and id let a bearer
 * token be checked against its one stored key without keeping any lookup value of the token; the
 * whole string is the device's WAMP-CRA secret. The stored key is exactly what Autobahn's
 * {@code auth_cra.derive_key(token, salt, iterations, keylen)} returns: base64 of PBKDF2-HMAC-SHA256
 * over the UTF-8 bytes of token and salt.
 *
 * <p>Tokens issued before tokens had ids are {@code <name>.<secret>} ({@link Parsed#legacy()}).
 */
@ApplicationScoped
public class TokenKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern TOKEN_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    /** What an empty presented token derives from: it has no dot, so no token is ever this. */
    private static final String EMPTY_STAND_IN = "empty";

    private final int iterations;
    private final int keylen;

    @Inject
    TokenKeys(AppConfig config) {
        this(config.token().iterations(), config.token().keylen());
    }

    TokenKeys(int iterations, int keylen) {
        this.iterations = iterations;
        this.keylen = keylen;
    }

    /** A fresh token of user {@code name} with its id, derived key and parameters. */
    public Issued issue(String name) {
        String tokenId = random(16);
        Secret token = Secret.of(name + "." + tokenId + "." + random(32));
        String salt = random(16);
        StoredKey key = new StoredKey(deriveKey(token.reveal(), salt, iterations, keylen), salt, iterations, keylen);
        return new Issued(tokenId, token, key);
    }

    /** Whether {@code tokenId} has the shape of a token id (22 base64url chars). */
    public static boolean validId(String tokenId) {
        return tokenId != null && TOKEN_ID.matcher(tokenId).matches();
    }

    /**
     * Name and id parts of a bearer token, or {@code null} when it has neither shape
     * ({@code <name>.<token_id>.<secret>}, or {@code <name>.<secret>} of a legacy token).
     * The parts are not validated here.
     */
    public static Parsed parse(String token) {
        int first = token.indexOf('.');
        if (first <= 0) {
            return null;
        }
        int second = token.indexOf('.', first + 1);
        if (second < 0) {
            return first == token.length() - 1 ? null : new Parsed(token.substring(0, first), null);
        }
        if (second == first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            return null;
        }
        return new Parsed(token.substring(0, first), token.substring(first + 1, second));
    }

    /** Whether {@code token} derives to {@code stored}, compared in constant time. */
    public static boolean verifies(String token, StoredKey stored) {
        String derived = deriveKey(token, stored.salt(), stored.iterations(), stored.keylen());
        return MessageDigest.isEqual(derived.getBytes(StandardCharsets.UTF_8),
                stored.derivedKey().getBytes(StandardCharsets.UTF_8));
    }

    /** Parameters used for unknown names, so that they cost the same time as known ones. */
    public StoredKey decoy() {
        return new StoredKey("", "decoy-salt", iterations, keylen);
    }

    /**
     * base64(PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen)), as Autobahn's derive_key: the
     * router's WAMP-CRA derivation ({@link WampCra#deriveKey}), so that what is stored here is what
     * a client derives. An empty secret (never a token) derives from a stand-in at the same cost.
     */
    public static String deriveKey(String secret, String salt, int iterations, int keylen) {
        return WampCra.deriveKey(secret.isEmpty() ? EMPTY_STAND_IN : secret, salt, iterations, keylen);
    }

    /** What the database keeps of a token. The derived key is the WAMP-CRA secret, hence hidden. */
    public record StoredKey(String derivedKey, String salt, int iterations, int keylen) {
        @Override
        public String toString() {
            return "StoredKey[salt=" + salt + ", iterations=" + iterations + ", keylen=" + keylen + "]";
        }
    }

    /** A token shown once, its id, and what is stored of it. */
    public record Issued(String tokenId, Secret token, StoredKey key) {
    }

    /** The name and id parts of a bearer token; {@code tokenId} is {@code null} for a legacy token. */
    public record Parsed(String name, String tokenId) {
        public boolean legacy() {
            return tokenId == null;
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return URL.encodeToString(b);
    }
}
