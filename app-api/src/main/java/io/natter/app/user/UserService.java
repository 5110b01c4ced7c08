package io.natter.app.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.natter.app.api.ApiException;
import io.natter.app.config.AppConfig;
import io.natter.app.security.Passwords;
import io.natter.wamp.auth.Secret;
import io.natter.app.security.TokenKeys;
import io.natter.app.security.TokenKeys.Parsed;
import io.natter.app.security.TokenKeys.StoredKey;
import io.natter.app.store.Db;
import io.natter.app.store.Outbox;
import io.natter.app.store.Outbox.RevokeReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users, their passwords and their tokens, one per device. A revoked token's row is deleted in
 * the transaction that writes its {@code token.revoked} event. Issuing a token locks the user's
 * row, so concurrent logins of one user are serialized and the cap on active tokens holds exactly.
 */
@ApplicationScoped
public class UserService {

    private final Db db;
    private final Passwords passwords;
    private final TokenKeys tokens;
    private final Outbox outbox;
    private final int maxTokens;
    /** Names whose sign-up is under way in this instance. */
    private final Set<String> creating = ConcurrentHashMap.newKeySet();

    UserService(Db db, Passwords passwords, TokenKeys tokens, Outbox outbox, AppConfig config) {
        this.db = db;
        this.passwords = passwords;
        this.tokens = tokens;
        this.outbox = outbox;
        this.maxTokens = config.token().maxPerUser();
    }

    /** A token shown once to its holder, with its id. */
    public record NewToken(String tokenId, Secret token) {
    }

    /** One of a user's active tokens, as {@code GET /api/tokens} lists it. */
    public record TokenInfo(@JsonProperty("token_id") String tokenId, OffsetDateTime created, boolean current) {
    }

    /**
     * Creates a user with a first token; 409 when the name is taken or being taken. The name is
     * checked before the password is hashed, and concurrent sign-ups of one name in this
     * instance wait for nobody: all but the first answer 409 at once, so they cost one hash.
     */
    public NewToken create(String name, Secret password) {
        if (!creating.add(name)) {
            throw alreadyExists(name);
        }
        try {
            if (db.tx(c -> exists(c, name))) {
                throw alreadyExists(name);
            }
            // Hash outside the transaction: bcrypt takes long and must not hold a pooled connection.
            return insertUser(name, passwords.hash(password));
        } finally {
            creating.remove(name);
        }
    }

    private static ApiException alreadyExists(String name) {
        return ApiException.conflict("user '" + name + "' already exists");
    }

    private NewToken insertUser(String name, String hash) {
        TokenKeys.Issued issued = tokens.issue(name);
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO users (name, password_hash) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                s.setString(1, name);
                s.setString(2, hash);
                if (s.executeUpdate() == 0) {
                    throw alreadyExists(name);
                }
            }
            insertToken(c, name, issued);
            return new NewToken(issued.tokenId(), issued.token());
        });
    }

    /** Checks name and password; on success issues a new token (the user's others keep working), else {@code null}. */
    public NewToken login(String name, Secret password) {
        String hash = db.tx(c -> passwordHash(c, name));
        if (!passwords.matches(password, hash)) {
            return null;
        }
        TokenKeys.Issued issued = tokens.issue(name);
        return db.tx(c -> {
            if (!lockUser(c, name)) {
                return null;
            }
            insertToken(c, name, issued);
            return new NewToken(issued.tokenId(), issued.token());
        });
    }

    /** Replaces the caller's token with a new one; 401 when it was revoked meanwhile. */
    public NewToken rotate(Caller caller) {
        TokenKeys.Issued issued = tokens.issue(caller.name());
        return db.tx(c -> {
            if (!lockUser(c, caller.name()) || !delete(c, caller.name(), caller.tokenId(), RevokeReason.ROTATE)) {
                throw ApiException.unauthorized("invalid token");
            }
            insertToken(c, caller.name(), issued);
            return new NewToken(issued.tokenId(), issued.token());
        });
    }

    /** Revokes token {@code tokenId} of user {@code name}; {@code false} when the user has no such token. */
    public boolean revoke(String name, String tokenId, RevokeReason reason) {
        if (!TokenKeys.validId(tokenId)) {
            return false;
        }
        return db.tx(c -> delete(c, name, tokenId, reason));
    }

    /** The user's active tokens, oldest first; {@code current} marks {@code currentId}. */
    public List<TokenInfo> tokens(String name, String currentId) {
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT token_id, created_at FROM tokens WHERE user_name = ? ORDER BY created_at, token_id")) {
                s.setString(1, name);
                List<TokenInfo> list = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String id = r.getString(1);
                        list.add(new TokenInfo(id, r.getObject(2, OffsetDateTime.class), id.equals(currentId)));
                    }
                }
                return list;
            }
        });
    }

    /**
     * The caller a bearer token authenticates, or {@code null}. A malformed token or an unknown
     * name or id costs one key derivation just like a known one, so timing does not tell them apart.
     */
    public Caller authenticate(String token) {
        Parsed parts = TokenKeys.parse(token);
        KeyRow row = null;
        if (parts != null && Names.valid(parts.name())) {
            if (parts.legacy()) {
                row = legacyKey(parts.name());
            } else if (TokenKeys.validId(parts.tokenId())) {
                StoredKey key = storedKey(parts.name(), parts.tokenId());
                row = key == null ? null : new KeyRow(parts.tokenId(), key);
            }
        }
        boolean ok = TokenKeys.verifies(token, row == null ? tokens.decoy() : row.key());
        return ok && row != null ? new Caller(parts.name(), row.tokenId()) : null;
    }

    /** The stored key of token {@code tokenId} of user {@code name}, or {@code null} when there is none. */
    public StoredKey storedKey(String name, String tokenId) {
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT derived_key, salt, iterations, keylen FROM tokens WHERE token_id = ? AND user_name = ?")) {
                s.setString(1, tokenId);
                s.setString(2, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new StoredKey(r.getString(1), r.getString(2), r.getInt(3), r.getInt(4)) : null;
                }
            }
        });
    }

    /** Whether a user of that name exists. */
    public boolean exists(String name) {
        return db.tx(c -> exists(c, name));
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

    /** A stored key with the id of its token. */
    private record KeyRow(String tokenId, StoredKey key) {
    }

    /** The token a user held before tokens had ids (schema version 1), if it is still active. */
    private KeyRow legacyKey(String name) {
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT token_id, derived_key, salt, iterations, keylen"
                    + " FROM tokens WHERE user_name = ? AND legacy")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new KeyRow(r.getString(1),
                            new StoredKey(r.getString(2), r.getString(3), r.getInt(4), r.getInt(5))) : null;
                }
            }
        });
    }

    /** Serializes token changes of one user; {@code false} when the user does not exist. */
    private static boolean lockUser(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM users WHERE name = ? FOR NO KEY UPDATE")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * Stores a new token and revokes the user's oldest ones beyond the cap. The caller holds the
     * user's row lock (or has just inserted the user), so {@code clock_timestamp()} orders tokens
     * the way they were issued.
     */
    private void insertToken(Connection c, String name, TokenKeys.Issued issued) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tokens"
                + " (token_id, user_name, derived_key, salt, iterations, keylen, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, clock_timestamp())")) {
            s.setString(1, issued.tokenId());
            s.setString(2, name);
            s.setString(3, issued.key().derivedKey());
            s.setString(4, issued.key().salt());
            s.setInt(5, issued.key().iterations());
            s.setInt(6, issued.key().keylen());
            s.executeUpdate();
        }
        List<String> excess = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT token_id FROM tokens WHERE user_name = ?"
                + " ORDER BY created_at DESC, token_id DESC OFFSET ?")) {
            s.setString(1, name);
            s.setInt(2, maxTokens);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    excess.add(r.getString(1));
                }
            }
        }
        for (String tokenId : excess) {
            delete(c, name, tokenId, RevokeReason.REVOKED);
        }
    }

    /** Deletes one token of a user and writes its {@code token.revoked} event; {@code false} when absent. */
    private boolean delete(Connection c, String name, String tokenId, RevokeReason reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM tokens WHERE token_id = ? AND user_name = ?")) {
            s.setString(1, tokenId);
            s.setString(2, name);
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        outbox.tokenRevoked(c, name, tokenId, reason);
        return true;
    }

    private static String passwordHash(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
