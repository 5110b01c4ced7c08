package io.natter.app.security;

import io.natter.app.config.AppConfig;
import io.natter.wamp.auth.Secret;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/** bcrypt hashing and checking of passwords, and generation of passwords for users who gave none. */
@ApplicationScoped
public class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int cost;
    /** Checked against when the name is unknown, so that a wrong name costs what a wrong password costs. */
    private final String decoyHash;
    private final AtomicLong hashes = new AtomicLong();

    Passwords(AppConfig config) {
        this.cost = config.password().bcryptCost();
        this.decoyHash = BcryptUtil.bcryptHash("decoy-" + RANDOM.nextLong(), cost);
    }

    /** The bcrypt hash of a password. */
    public String hash(Secret password) {
        hashes.incrementAndGet();
        return BcryptUtil.bcryptHash(password.reveal(), cost);
    }

    /** Passwords hashed since start (the expensive step of a sign-up); for metrics and tests. */
    public long hashCount() {
        return hashes.get();
    }

    /** Whether the password matches the hash; with a {@code null} hash, burns the same time and answers false. */
    public boolean matches(Secret password, String hash) {
        boolean ok = BcryptUtil.matches(password.reveal(), hash == null ? decoyHash : hash);
        return ok && hash != null;
    }

    /** A generated password: 144 random bits as 24 base64url characters. */
    public Secret generate() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
