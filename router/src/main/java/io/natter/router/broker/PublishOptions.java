package io.natter.router.broker;

import io.natter.router.util.Options;
import io.natter.router.peer.Session;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated options of a PUBLISH: acknowledgement, publisher exclusion ({@code exclude_me},
 * default true), publisher identification ({@code disclose_me}) and subscriber black/white
 * listing ({@code exclude}, {@code eligible} and their {@code _authid} / {@code _authrole} forms),
 * and event retention ({@code retain}: the broker keeps the event as the topic's retained one).
 *
 * <p>A receiver must be in every eligible list that is given and in no exclude list.
 */
public record PublishOptions(boolean acknowledge, boolean excludeMe, boolean discloseMe, boolean retain,
        Set<Long> exclude, Set<String> excludeAuthid, Set<String> excludeAuthrole,
        Set<Long> eligible, Set<String> eligibleAuthid, Set<String> eligibleAuthrole) {

    /** Default options: no acknowledgement, publisher excluded, identity not disclosed, not retained, no lists. */
    public static final PublishOptions DEFAULT = new PublishOptions(false, true, false, false, null, null, null, null, null, null);

    /** Reads PUBLISH.Options; wrong types are a protocol violation. */
    public static PublishOptions parse(Map<String, Object> options) {
        if (options.isEmpty()) {
            return DEFAULT;
        }
        String where = "PUBLISH.Options";
        return new PublishOptions(
                Options.flag(options, "acknowledge", false, where),
                Options.flag(options, "exclude_me", true, where),
                Options.flag(options, "disclose_me", false, where),
                Options.flag(options, "retain", false, where),
                toSet(Options.integers(options, "exclude", where)),
                toSet(Options.strings(options, "exclude_authid", where)),
                toSet(Options.strings(options, "exclude_authrole", where)),
                toSet(Options.integers(options, "eligible", where)),
                toSet(Options.strings(options, "eligible_authid", where)),
                toSet(Options.strings(options, "eligible_authrole", where)));
    }

    /** Whether black/white listing lets {@code receiver} have the event (publisher exclusion aside). */
    public boolean admits(Session receiver) {
        if (eligible != null && !eligible.contains(receiver.id())) {
            return false;
        }
        if (eligibleAuthid != null && !eligibleAuthid.contains(receiver.authid())) {
            return false;
        }
        if (eligibleAuthrole != null && !eligibleAuthrole.contains(receiver.authrole())) {
            return false;
        }
        if (exclude != null && exclude.contains(receiver.id())) {
            return false;
        }
        if (excludeAuthid != null && excludeAuthid.contains(receiver.authid())) {
            return false;
        }
        return excludeAuthrole == null || !excludeAuthrole.contains(receiver.authrole());
    }

    private static <T> Set<T> toSet(List<T> list) {
        return list == null ? null : new HashSet<>(list);
    }
}
