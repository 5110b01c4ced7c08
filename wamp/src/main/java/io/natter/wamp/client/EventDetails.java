package io.natter.wamp.client;

import java.util.List;
import java.util.Map;

/**
 * One EVENT delivered to a subscription handler.
 *
 * @param subscription      the subscription the event arrived on
 * @param publication       the publication ID the broker assigned
 * @param topic             the topic published to: the {@code topic} detail for pattern subscriptions, else the subscribed topic
 * @param args              positional payload, never null
 * @param kwargs            keyword payload, never null
 * @param details           the EVENT details dictionary, never null
 * @param publisher         the publisher's session ID if the broker disclosed it, else null
 * @param publisherAuthid   the publisher's authid if disclosed, else null
 * @param publisherAuthrole the publisher's authrole if disclosed, else null
 */
public record EventDetails(Subscription subscription, long publication, String topic, List<Object> args,
        Map<String, Object> kwargs, Map<String, Object> details, Long publisher, String publisherAuthid,
        String publisherAuthrole) {

    static EventDetails of(Subscription subscription, long publication, List<Object> args, Map<String, Object> kwargs,
            Map<String, Object> details) {
        String topic = details.get("topic") instanceof String t ? t : subscription.topic();
        Long publisher = details.get("publisher") instanceof Number n ? n.longValue() : null;
        return new EventDetails(subscription, publication, topic, args, kwargs, details, publisher,
                details.get("publisher_authid") instanceof String a ? a : null,
                details.get("publisher_authrole") instanceof String r ? r : null);
    }
}
