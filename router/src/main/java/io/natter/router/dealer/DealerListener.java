package io.natter.router.dealer;

import io.natter.router.session.Session;

/**
 * Told of registration changes after the dealer released the realm lock and sent its reply; the
 * registration meta events come out of it.
 */
public interface DealerListener {

    /** {@code session} became a callee of {@code registration}; {@code created} if it is the first. */
    void registered(Session session, Registration registration, boolean created);

    /** {@code session} stopped being a callee of {@code registration}; {@code deleted} if it was the last. */
    void unregistered(Session session, Registration registration, boolean deleted);

    /** A listener that ignores everything. */
    DealerListener NONE = new DealerListener() {
        @Override
        public void registered(Session session, Registration registration, boolean created) {
        }

        @Override
        public void unregistered(Session session, Registration registration, boolean deleted) {
        }
    };
}
