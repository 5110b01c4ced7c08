package io.natter.wamp.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WAMP Challenge-Response Authentication, byte-compatible with Autobahn's {@code auth_cra} and
 * with the challenges Crossbar.io sends.
 *
 * <p>The router sends a JSON challenge text; the client answers with the base64 HMAC-SHA256 of it,
 * keyed with the UTF-8 bytes of its secret. When the router stores only a salted key, the challenge
 * carries {@code salt}, {@code iterations} and {@code keylen}, and the client first derives the key
 * from its secret with {@link #deriveKey} &mdash; the base64 text of that key, not its bytes, then
 * keys the HMAC.
 */
public final class WampCra {

    /** The PBKDF2 iteration count Autobahn uses when a salted challenge names none. */
    public static final int DEFAULT_ITERATIONS = 1000;
    /** The derived key length in bytes Autobahn uses when a salted challenge names none. */
    public static final int DEFAULT_KEYLEN = 32;

    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WampCra() {
    }

    /**
     * Derives a key from a secret as {@code autobahn.auth_cra.derive_key} does: PBKDF2 with
     * HMAC-SHA256 over the UTF-8 bytes of secret and salt.
     *
     * @param secret the secret; must not be empty (HMAC keys cannot be)
     * @param salt the salt
     * @param iterations PBKDF2 iterations, at least 1
     * @param keylen the key length in bytes, at least 1
     * @return the key, base64 encoded
     */
    public static String deriveKey(String secret, String salt, int iterations, int keylen) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(salt, "salt");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        if (iterations < 1 || keylen < 1) {
            throw new IllegalArgumentException("iterations and keylen must be positive");
        }
        // The JDK's PBKDF2 encodes the password chars as UTF-8, as Autobahn does.
        PBEKeySpec spec = new PBEKeySpec(
                secret.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, keylen * 8);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return Base64.getEncoder().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * Signs a challenge as {@code autobahn.auth_cra.sign} does.
     *
     * @param key the secret or derived key; its UTF-8 text is the HMAC key; must not be empty
     * @param challenge the challenge text from the CHALLENGE message
     * @return the base64 HMAC-SHA256 of the challenge's UTF-8 bytes
     */
    public static String sign(String key, String challenge) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(challenge, "challenge");
        return Base64.getEncoder().encodeToString(
                hmac(key.getBytes(StandardCharsets.UTF_8), challenge.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code signature} is the signature of {@code challenge} under {@code key}, compared in
     * constant time.
     *
     * @param signature the client's AUTHENTICATE signature; null never verifies
     */
    public static boolean verify(String key, String challenge, String signature) {
        String expected = sign(key, challenge);
        if (signature == null) {
            return false;
        }
        // The received signature goes first: MessageDigest.isEqual's time follows its first argument.
        return MessageDigest.isEqual(
                signature.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The challenge text in the shape Crossbar sends: a JSON object with {@code authid},
     * {@code authrole}, {@code authmethod}, {@code authprovider}, {@code session}, {@code nonce}
     * and {@code timestamp} (ISO 8601 UTC with milliseconds), formatted as Python's
     * {@code json.dumps(..., ensure_ascii=False)} does.
     */
    public static String challenge(String authid, String authrole, String authmethod, String authprovider,
            long session, String nonce, Instant timestamp) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "authid", authid).append(", ");
        field(json, "authrole", authrole).append(", ");
        field(json, "authmethod", authmethod).append(", ");
        field(json, "authprovider", authprovider).append(", ");
        quote(json, "session").append(": ").append(session).append(", ");
        field(json, "nonce", nonce).append(", ");
        field(json, "timestamp", TIMESTAMP.format(Objects.requireNonNull(timestamp, "timestamp")));
        return json.append('}').toString();
    }

    /** A fresh nonce for a challenge: 48 random bytes, base64 (64 characters, as Crossbar's). */
    public static String newNonce() {
        return randomBase64(48);
    }

    /** A fresh salt for a new stored key: 16 random bytes, base64; the format {@link #fakeSalt} imitates. */
    public static String newSalt() {
        return randomBase64(16);
    }

    /**
     * A salt for an authid that has no account, so that its challenge looks like a real user's: the
     * same for the same authid on every attempt (a salt that changed per attempt would give the
     * unknown user away), unpredictable without {@code serverKey}, and in the format of
     * {@link #newSalt()}.
     *
     * @param authid the authid the client asked for
     * @param serverKey a key the server keeps for this purpose, not empty
     */
    public static String fakeSalt(String authid, byte[] serverKey) {
        Objects.requireNonNull(authid, "authid");
        Objects.requireNonNull(serverKey, "serverKey");
        byte[] mac = hmac(serverKey, ("natter.fake-salt:" + authid).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(Arrays.copyOf(mac, 16));
    }

    private static String randomBase64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        if (key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        quote(json, name).append(": ");
        return quote(json, Objects.requireNonNull(value, name));
    }

    /** A JSON string as Python's json module writes it with ensure_ascii=False. */
    private static StringBuilder quote(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
