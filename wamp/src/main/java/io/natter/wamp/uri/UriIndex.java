package io.natter.wamp.uri;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Values (subscriptions, registrations) stored under a URI pattern and a {@link MatchPolicy}, and
 * found by the URI of a publication or call: the one matching structure of the broker and the
 * dealer, shaped like Crossbar's {@code UriObservationMap}.
 *
 * <ul>
 *   <li>exact patterns sit in a hash map;
 *   <li>prefix patterns in a trie by character, so the prefixes of a URI lie on one path;
 *   <li>wildcard patterns in a trie over dot-separated components, where an empty component
 *       matches exactly one component and a pattern only matches URIs with as many components.
 * </ul>
 *
 * <p>A lookup therefore follows the URI through each structure and never scans the stored
 * patterns: its cost grows with the URI's length (and, for wildcards, with the number of trie
 * paths that agree with the URI), not with the number of patterns.
 *
 * <p>The index does not validate patterns; the caller checks them with {@link UriRules} first.
 * Values must not be null.
 *
 * <p><b>Not thread-safe.</b> The owner (a realm's broker or dealer) serializes every access; a
 * sink passed to {@link #matchAll(String, Consumer)} must not modify the index.
 *
 * @param <T> the value type
 */
public final class UriIndex<T> {

    private final Map<String, T> exact = new HashMap<>();
    private final PrefixTrie<T> prefix = new PrefixTrie<>();
    private final WildcardTrie<T> wildcard = new WildcardTrie<>();
    private int size;
    private int prefixCount;
    private int wildcardCount;

    /**
     * Stores {@code value} under the pattern and policy, unless they already hold a value.
     *
     * @return true if the value was stored, false (and nothing changed) if the pattern and policy
     *     were already present
     */
    public boolean put(String pattern, MatchPolicy policy, T value) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(value, "value");
        boolean stored = switch (policy) {
            case EXACT -> exact.putIfAbsent(pattern, value) == null;
            case PREFIX -> prefix.put(pattern, value);
            case WILDCARD -> wildcard.put(pattern, value);
        };
        if (stored) {
            count(policy, 1);
        }
        return stored;
    }

    /** The value stored for exactly this pattern and policy, or null. */
    public T get(String pattern, MatchPolicy policy) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(policy, "policy");
        return switch (policy) {
            case EXACT -> exact.get(pattern);
            case PREFIX -> prefixCount == 0 ? null : prefix.get(pattern);
            case WILDCARD -> wildcardCount == 0 ? null : wildcard.get(pattern);
        };
    }

    /**
     * Removes the value stored for this pattern and policy, and the trie nodes that led only to it.
     *
     * @return the removed value, or null if there was none
     */
    public T remove(String pattern, MatchPolicy policy) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(policy, "policy");
        T removed = switch (policy) {
            case EXACT -> exact.remove(pattern);
            case PREFIX -> prefixCount == 0 ? null : prefix.remove(pattern);
            case WILDCARD -> wildcardCount == 0 ? null : wildcard.remove(pattern);
        };
        if (removed != null) {
            count(policy, -1);
        }
        return removed;
    }

    /**
     * Emits every value whose pattern matches {@code uri}, each once: the exact one, then the
     * prefixes from shortest to longest, then the wildcards from best to worst. This is what a
     * broker delivers a publication to.
     */
    public void matchAll(String uri, Consumer<? super T> sink) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(sink, "sink");
        T exactValue = exact.get(uri);
        if (exactValue != null) {
            sink.accept(exactValue);
        }
        if (prefixCount > 0) {
            prefix.matchAll(uri, sink);
        }
        if (wildcardCount > 0) {
            wildcard.matchAll(uri, sink);
        }
    }

    /** Every value whose pattern matches {@code uri}, in the order of {@link #matchAll(String, Consumer)}. */
    public List<T> matchAll(String uri) {
        List<T> matches = new ArrayList<>();
        matchAll(uri, matches::add);
        return matches;
    }

    /**
     * The value a dealer routes a call on {@code uri} to, by the WAMP spec's precedence for
     * pattern-based registrations: an exact match wins; otherwise the longest matching prefix;
     * otherwise the wildcard pattern with the longest run of literal components before its first
     * wildcard, then before its second, and so on (a literal where the other has a wildcard wins at
     * the first component where two matching patterns differ).
     *
     * @return the best match, or null if no pattern matches
     */
    public T bestMatch(String uri) {
        Objects.requireNonNull(uri, "uri");
        T match = exact.get(uri);
        if (match == null && prefixCount > 0) {
            match = prefix.longest(uri);
        }
        if (match == null && wildcardCount > 0) {
            match = wildcard.best(uri);
        }
        return match;
    }

    /** The number of stored values, over all policies. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** A snapshot of every stored value (exact, then prefix, then wildcard); safe to modify the index while iterating it. */
    public List<T> values() {
        List<T> all = new ArrayList<>(size);
        all.addAll(exact.values());
        prefix.forEachValue(all::add);
        wildcard.forEachValue(all::add);
        return all;
    }

    private void count(MatchPolicy policy, int delta) {
        size += delta;
        switch (policy) {
            case PREFIX -> prefixCount += delta;
            case WILDCARD -> wildcardCount += delta;
            default -> { }
        }
    }
}
