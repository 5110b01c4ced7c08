-- Natter schema, version 4: read markers, so a user's unread count per thread follows them from
-- device to device. A member's last_read_seq is the highest message sequence of the thread they
-- have seen (0: none); the unread count is threads.last_seq - last_read_seq.

ALTER TABLE members ADD COLUMN last_read_seq bigint NOT NULL DEFAULT 0 CHECK (last_read_seq >= 0);
