-- Natter schema, version 1: users, tokens, threads, members, messages, outbox.
-- This folder is the only source of the schema; app-api applies it at start with Flyway.

CREATE TABLE users (
    name          text        PRIMARY KEY CHECK (name ~ '^[a-z0-9_-]{1,32}$'),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One token per user: the token is the user's WAMP-CRA secret, and WAMP-CRA knows one
-- secret per authid. Only the PBKDF2-derived key is kept, never the token.
CREATE TABLE tokens (
    user_name   text        PRIMARY KEY REFERENCES users (name) ON DELETE CASCADE,
    derived_key text        NOT NULL,
    salt        text        NOT NULL,
    iterations  integer     NOT NULL CHECK (iterations > 0),
    keylen      integer     NOT NULL CHECK (keylen > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE threads (
    permalink  text        PRIMARY KEY
                           CHECK (permalink ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(permalink) <= 64),
    title      text        NOT NULL,
    owner      text        NOT NULL REFERENCES users (name),
    -- Highest sequence number handed out; incremented under the row lock when a message is stored,
    -- so numbers are dense and ordered per thread.
    last_seq   bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
    thread    text        NOT NULL REFERENCES threads (permalink) ON DELETE CASCADE,
    user_name text        NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    added_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (thread, user_name)
);
CREATE INDEX members_by_user ON members (user_name);

CREATE TABLE messages (
    thread       text        NOT NULL REFERENCES threads (permalink) ON DELETE CASCADE,
    seq          bigint      NOT NULL,
    -- The WAMP publication id: the idempotency key of storage (two listeners may forward the same event).
    publication  bigint      NOT NULL UNIQUE,
    author       text        NOT NULL REFERENCES users (name),
    text         text        NOT NULL,
    client_id    text,
    published_at timestamptz NOT NULL,
    stored_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (thread, seq)
);

-- Events for RabbitMQ exchange natter.events, written in the transaction of the change they
-- describe and deleted once the broker confirmed them.
CREATE TABLE outbox (
    id          bigserial   PRIMARY KEY,
    routing_key text        NOT NULL,
    payload     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
