package io.natter.router.realm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The roles and features WELCOME announces: those the router implements, and only those. */
public final class RouterRoles {

    /** Broker features. */
    public static final List<String> BROKER_FEATURES = List.of(
            "publisher_exclusion",
            "subscriber_blackwhite_listing",
            "publisher_identification",
            "pattern_based_subscription",
            "event_retention",
            "session_meta_api",
            "subscription_meta_api");

    /** Dealer features. */
    public static final List<String> DEALER_FEATURES = List.of(
            "caller_identification",
            "pattern_based_registration",
            "shared_registration",
            "progressive_call_results",
            "call_timeout",
            "call_canceling",
            "session_meta_api",
            "registration_meta_api");

    /** WELCOME.Details.roles. */
    public static final Map<String, Object> ROLES = Map.of(
            "broker", Map.of("features", flags(BROKER_FEATURES)),
            "dealer", Map.of("features", flags(DEALER_FEATURES)));

    private RouterRoles() {
    }

    private static Map<String, Object> flags(List<String> features) {
        Map<String, Object> flags = new LinkedHashMap<>();
        for (String feature : features) {
            flags.put(feature, true);
        }
        return Collections.unmodifiableMap(flags);
    }
}
