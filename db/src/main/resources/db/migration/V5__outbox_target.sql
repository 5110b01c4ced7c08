-- Natter schema, version 5: the outbox names the exchange each row goes to.
-- Until now every row was an event for natter.events (membership, tokens). A row may now also be a
-- notification for natter.notifications (routing key user.<name>), written in the same transaction
-- as the change it tells of: "alice added you to <thread>", so the new member's pages learn of the
-- thread at once instead of at their next refresh, and find it in the inbox if they were away.

ALTER TABLE outbox
    ADD COLUMN target text NOT NULL DEFAULT 'events' CHECK (target IN ('events', 'notifications'));
