package io.natter.app.security;

import io.natter.app.config.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Mints user tokens and derives the key the server keeps in their place.
 *
 * <p>A token is {@code <name>.<43 base64url chars>} (256 random bits). The name part lets a
 * bearer token be checked against one stored key without keeping any lookup value of the
 * token; the whole string is the user's WAMP-CRA secret. The stored key is exactly what
 * Autobahn's {@code auth_cra.derive_key(token, salt, iterations, keylen)} returns: base64 of
 * PBKDF2-HMAC-SHA256 over the UTF-8 bytes of token and salt.
 */
@ApplicationScoped
public class TokenKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final int iterations;
    private final int keylen;

    TokenKeys(AppConfig config) {
        this.iterations = config.token().iterations();
        this.keylen = config.token().keylen();
    }

    /** A fresh token with its derived key and parameters. */
    public Issued issue(String name) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        Secret token = Secret.of(name + "." + URL.encodeToString(random));
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = URL.encodeToString(saltBytes);
        StoredKey key = new StoredKey(deriveKey(token.reveal(), salt, iterations, keylen), salt, iterations, keylen);
        return new Issued(token, key);
    }

    /** The name part of a bearer token, or {@code null} when it has no such part. */
    public static String nameOf(String token) {
        int dot = token.lastIndexOf('.');
        return dot <= 0 ? null : token.substring(0, dot);
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

    /** base64(PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen)), as Autobahn's derive_key. */
    public static String deriveKey(String secret, String salt, int iterations, int keylen) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt.getBytes(StandardCharsets.UTF_8),
                iterations, keylen * 8);
        try {
            // SunJCE encodes the password chars as UTF-8, as CryptoJS does for the browser.
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return Base64.getEncoder().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** What the database keeps of a token. The derived key is the WAMP-CRA secret, hence hidden. */
    public record StoredKey(String derivedKey, String salt, int iterations, int keylen) {
        @Override
        public String toString() {
            return "StoredKey[salt=" + salt + ", iterations=" + iterations + ", keylen=" + keylen + "]";
        }
    }

    /** A token shown once, and what is stored of it. */
    public record Issued(Secret token, StoredKey key) {
    }
}
