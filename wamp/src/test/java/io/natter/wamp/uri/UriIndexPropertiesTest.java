package io.natter.wamp.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The index against brute-force references that test each stored pattern on its own. URIs are
 * drawn from a few short components so that patterns and URIs collide often.
 */
class UriIndexPropertiesTest {

    /** A stored pattern; its value is itself, so results can be checked against the references. */
    record Entry(String pattern, MatchPolicy policy) {
        @Override
        public String toString() {
            return policy.wireName() + ":" + pattern;
        }
    }

    @Property
    void exactIsReflexive(@ForAll("uris") String uri) {
        UriIndex<String> index = new UriIndex<>();
        index.put(uri, MatchPolicy.EXACT, uri);
        assertThat(index.matchAll(uri)).containsExactly(uri);
        assertThat(index.bestMatch(uri)).isEqualTo(uri);
    }

    @Property
    void everyPrefixOfAUriMatchesItAndTheEmptyPrefixMatchesEverything(
            @ForAll("uris") String uri, @ForAll("uris") String other) {
        UriIndex<Integer> index = new UriIndex<>();
        for (int length = 0; length <= uri.length(); length++) {
            index.put(uri.substring(0, length), MatchPolicy.PREFIX, length);
        }
        List<Integer> all = new ArrayList<>();
        for (int length = 0; length <= uri.length(); length++) {
            all.add(length);
        }
        assertThat(index.matchAll(uri)).containsExactlyElementsOf(all);
        assertThat(index.bestMatch(uri)).isEqualTo(uri.length());
        assertThat(index.matchAll(other)).contains(0);
    }

    @Property
    void blankingComponentsGivesAMatchingWildcard(
            @ForAll("uris") String uri, @ForAll long blanks, @ForAll("components") String replacement) {
        String[] components = uri.split("\\.", -1);
        String[] pattern = components.clone();
        int literal = -1;
        for (int i = 0; i < pattern.length; i++) {
            if ((blanks >>> i & 1) != 0) {
                pattern[i] = "";
            } else {
                literal = i;
            }
        }
        String wildcard = String.join(".", pattern);
        UriIndex<String> index = new UriIndex<>();
        index.put(wildcard, MatchPolicy.WILDCARD, wildcard);
        assertThat(index.matchAll(uri)).containsExactly(wildcard);

        // One more or one fewer component breaks the match.
        assertThat(index.matchAll(uri + ".x")).isEmpty();
        if (components.length > 1) {
            assertThat(index.matchAll(uri.substring(0, uri.lastIndexOf('.')))).isEmpty();
        }
        // So does changing a component the pattern spells out.
        if (literal >= 0 && !replacement.equals(components[literal])) {
            String[] changed = components.clone();
            changed[literal] = replacement;
            assertThat(index.matchAll(String.join(".", changed))).isEmpty();
        }
        // And changing a blanked one does not.
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].isEmpty()) {
                String[] changed = components.clone();
                changed[i] = replacement;
                assertThat(index.matchAll(String.join(".", changed))).containsExactly(wildcard);
            }
        }
    }

    @Property(tries = 300)
    void matchAllAndBestMatchAgreeWithBruteForce(
            @ForAll("entrySets") Set<Entry> entries, @ForAll("uriLists") List<String> uris) {
        UriIndex<Entry> index = new UriIndex<>();
        for (Entry entry : entries) {
            assertThat(index.put(entry.pattern(), entry.policy(), entry)).isTrue();
        }
        assertThat(index.size()).isEqualTo(entries.size());
        checkAgainstReference(index, entries, uris);
    }

    @Property(tries = 200)
    void removalsKeepTheIndexEqualToTheRemainingPatterns(
            @ForAll("entrySets") Set<Entry> entries, @ForAll long keepMask, @ForAll("uriLists") List<String> uris) {
        UriIndex<Entry> index = new UriIndex<>();
        entries.forEach(e -> index.put(e.pattern(), e.policy(), e));
        Set<Entry> kept = new LinkedHashSet<>();
        int i = 0;
        for (Entry entry : entries) {
            if ((keepMask >>> (i++ % 64) & 1) != 0) {
                kept.add(entry);
            } else {
                assertThat(index.remove(entry.pattern(), entry.policy())).isSameAs(entry);
                assertThat(index.get(entry.pattern(), entry.policy())).isNull();
            }
        }
        assertThat(index.size()).isEqualTo(kept.size());
        assertThat(index.values()).containsExactlyInAnyOrderElementsOf(kept);
        for (Entry entry : kept) {
            assertThat(index.get(entry.pattern(), entry.policy())).isSameAs(entry);
        }
        checkAgainstReference(index, kept, uris);
        kept.forEach(e -> index.remove(e.pattern(), e.policy()));
        assertThat(index.isEmpty()).isTrue();
        assertThat(index.values()).isEmpty();
    }

    private static void checkAgainstReference(UriIndex<Entry> index, Set<Entry> entries, List<String> uris) {
        for (String uri : uris) {
            List<Entry> expected = entries.stream().filter(e -> matches(e, uri)).toList();
            assertThat(index.matchAll(uri)).as(uri).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(index.bestMatch(uri)).as(uri).isEqualTo(best(expected));
        }
    }

    private static boolean matches(Entry entry, String uri) {
        return switch (entry.policy()) {
            case EXACT -> entry.pattern().equals(uri);
            case PREFIX -> uri.startsWith(entry.pattern());
            case WILDCARD -> wildcardMatches(entry.pattern(), uri);
        };
    }

    private static boolean wildcardMatches(String pattern, String uri) {
        String[] p = pattern.split("\\.", -1);
        String[] u = uri.split("\\.", -1);
        if (p.length != u.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!p[i].isEmpty() && !p[i].equals(u[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The spec's precedence, written out: exact, then the longest prefix, then the wildcard with the
     * longest run of literal components before each wildcard in turn. Where those runs tie, the
     * literal-first rule decides; the result must also be unbeaten on the spec's runs.
     */
    private static Entry best(List<Entry> matching) {
        for (Entry e : matching) {
            if (e.policy() == MatchPolicy.EXACT) {
                return e;
            }
        }
        Entry longestPrefix = matching.stream().filter(e -> e.policy() == MatchPolicy.PREFIX)
                .max(Comparator.comparingInt(e -> e.pattern().length())).orElse(null);
        if (longestPrefix != null) {
            return longestPrefix;
        }
        List<Entry> wildcards = matching.stream().filter(e -> e.policy() == MatchPolicy.WILDCARD).toList();
        Entry winner = wildcards.stream().max(UriIndexPropertiesTest::literalFirst).orElse(null);
        for (Entry other : wildcards) {
            assertThat(compareRuns(runs(other.pattern()), runs(winner.pattern())))
                    .as("%s beats %s on the spec's runs", other, winner).isLessThanOrEqualTo(0);
        }
        return winner;
    }

    private static int literalFirst(Entry a, Entry b) {
        String[] pa = a.pattern().split("\\.", -1);
        String[] pb = b.pattern().split("\\.", -1);
        for (int i = 0; i < pa.length; i++) {
            if (pa[i].isEmpty() != pb[i].isEmpty()) {
                return pa[i].isEmpty() ? -1 : 1;
            }
        }
        return 0;
    }

    /** The lengths of the runs of literal components, split at each wildcard. */
    private static List<Integer> runs(String pattern) {
        List<Integer> runs = new ArrayList<>();
        int run = 0;
        for (String component : pattern.split("\\.", -1)) {
            if (component.isEmpty()) {
                runs.add(run);
                run = 0;
            } else {
                run++;
            }
        }
        runs.add(run);
        return runs;
    }

    private static int compareRuns(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.size(), a.size());
    }

    @Provide
    Arbitrary<String> components() {
        return Arbitraries.of("a", "b", "ab", "ba", "c1");
    }

    @Provide
    Arbitrary<String> uris() {
        return components().list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(".", parts));
    }

    @Provide
    Arbitrary<List<String>> uriLists() {
        return uris().list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<Set<Entry>> entrySets() {
        Arbitrary<Entry> exact = uris().map(u -> new Entry(u, MatchPolicy.EXACT));
        Arbitrary<Entry> prefix = Combinators.combine(uris(), Arbitraries.integers().between(0, 20))
                .as((u, cut) -> new Entry(u.substring(0, Math.min(cut, u.length())), MatchPolicy.PREFIX));
        Arbitrary<Entry> wildcard = Combinators.combine(uris(), Arbitraries.longs())
                .as((u, blanks) -> {
                    String[] parts = u.split("\\.", -1);
                    for (int i = 0; i < parts.length; i++) {
                        if ((blanks >>> i & 1) != 0) {
                            parts[i] = "";
                        }
                    }
                    return new Entry(String.join(".", parts), MatchPolicy.WILDCARD);
                });
        return Arbitraries.oneOf(exact, prefix, wildcard).set().ofMaxSize(40);
    }
}
