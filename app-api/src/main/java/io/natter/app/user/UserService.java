package io.natter.app.user;

import io.natter.app.api.ApiException;
import io.natter.app.security.Passwords;
import io.natter.app.security.Secret;
import io.natter.app.security.TokenKeys;
import io.natter.app.security.TokenKeys.StoredKey;
import io.natter.app.store.Db;
import io.natter.app.store.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Users, their passwords and their tokens. */
@ApplicationScoped
public class UserService {

    private final Db db;
    private final Passwords passwords;
    private final TokenKeys tokens;
    private final Outbox outbox;

    UserService(Db db, Passwords passwords, TokenKeys tokens, Outbox outbox) {
        this.db = db;
        this.passwords = passwords;
        this.tokens = tokens;
        this.outbox = outbox;
    }

    /** Creates a user with a first token; 409 when the name is taken. Returns the token, shown once. */
    public Secret create(String name, Secret password) {
        // Hash outside the transaction: bcrypt takes long and must not hold a pooled connection.
        String hash = passwords.hash(password);
        TokenKeys.Issued issued = tokens.issue(name);
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO users (name, password_hash) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                s.setString(1, name);
                s.setString(2, hash);
                if (s.executeUpdate() == 0) {
                    throw ApiException.conflict("user '" + name + "' already exists");
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO tokens (user_name, derived_key, salt, iterations, keylen) VALUES (?, ?, ?, ?, ?)")) {
                bindKey(s, name, issued.key());
                s.executeUpdate();
            }
            return issued.token();
        });
    }

    /** Checks name and password; on success replaces the user's token and returns the new one. */
    public Secret login(String name, Secret password) {
        String hash = db.tx(c -> passwordHash(c, name));
        if (!passwords.matches(password, hash)) {
            return null;
        }
        return replaceToken(name, "login");
    }

    /** Replaces the user's token: the old one stops working, and {@code token.rotated} goes out. */
    public Secret replaceToken(String name, String reason) {
        TokenKeys.Issued issued = tokens.issue(name);
        db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE tokens SET derived_key = ?, salt = ?, iterations = ?, keylen = ?, created_at = now()"
                            + " WHERE user_name = ?")) {
                s.setString(1, issued.key().derivedKey());
                s.setString(2, issued.key().salt());
                s.setInt(3, issued.key().iterations());
                s.setInt(4, issued.key().keylen());
                s.setString(5, name);
                if (s.executeUpdate() == 0) {
                    throw ApiException.notFound("no such user");
                }
            }
            outbox.tokenRotated(c, name, reason);
            return null;
        });
        return issued.token();
    }

    /**
     * The user a bearer token belongs to, or {@code null}. An unknown name costs one key
     * derivation just like a known one, so timing does not tell names apart.
     */
    public String authenticate(String token) {
        String name = TokenKeys.nameOf(token);
        StoredKey stored = Names.valid(name) ? storedKey(name) : null;
        boolean ok = TokenKeys.verifies(token, stored == null ? tokens.decoy() : stored);
        return ok && stored != null ? name : null;
    }

    /** The stored key of a user's token, or {@code null} for an unknown user. */
    public StoredKey storedKey(String name) {
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT derived_key, salt, iterations, keylen FROM tokens WHERE user_name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new StoredKey(r.getString(1), r.getString(2), r.getInt(3), r.getInt(4)) : null;
                }
            }
        });
    }

    /** Whether a user exists. */
    public static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM users WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static String passwordHash(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static void bindKey(PreparedStatement s, String name, StoredKey key) throws SQLException {
        s.setString(1, name);
        s.setString(2, key.derivedKey());
        s.setString(3, key.salt());
        s.setInt(4, key.iterations());
        s.setInt(5, key.keylen());
    }
}
