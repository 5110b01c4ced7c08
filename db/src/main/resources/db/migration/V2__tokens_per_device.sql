-- Natter schema, version 2: tokens per device.
-- A user holds several tokens (one per device), each named by an opaque token_id. The browser
-- sends the id in WAMP-CRA's authextra.token_id, so the authenticator can hand the router the
-- derived key of that one token. A revoked token's row is deleted: the table holds active
-- tokens only (app-api caps them per user).

ALTER TABLE tokens DROP CONSTRAINT tokens_pkey;

-- 22 base64url characters: 16 random bytes (here, of a random UUID: 122 random bits).
ALTER TABLE tokens ADD COLUMN token_id text;
UPDATE tokens
   SET token_id = translate(rtrim(encode(uuid_send(gen_random_uuid()), 'base64'), '='), '+/', '-_');
ALTER TABLE tokens
    ALTER COLUMN token_id SET NOT NULL,
    ADD PRIMARY KEY (token_id),
    ADD CONSTRAINT tokens_token_id_check CHECK (token_id ~ '^[A-Za-z0-9_-]{22}$');

-- The tokens of version 1 are `<name>.<secret>` and carry no id; they keep working as bearer
-- tokens through this flag (a user has at most one), and GET /api/tokens tells their holder the
-- id that WAMP-CRA needs. Tokens issued from now on are never legacy.
ALTER TABLE tokens ADD COLUMN legacy boolean NOT NULL DEFAULT false;
UPDATE tokens SET legacy = true;
CREATE UNIQUE INDEX tokens_legacy_by_user ON tokens (user_name) WHERE legacy;

CREATE INDEX tokens_by_user ON tokens (user_name, created_at);
