package io.natter.wamp.uri;

import static io.natter.wamp.uri.MatchPolicy.EXACT;
import static io.natter.wamp.uri.MatchPolicy.PREFIX;
import static io.natter.wamp.uri.MatchPolicy.WILDCARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UriIndexTest {

    private final UriIndex<String> index = new UriIndex<>();

    @Test
    void putRefusesADuplicatePatternAndPolicyAndKeepsTheFirstValue() {
        assertThat(index.put("com.a", EXACT, "first")).isTrue();
        assertThat(index.put("com.a", EXACT, "second")).isFalse();
        assertThat(index.put("com.a", PREFIX, "prefix")).isTrue();
        assertThat(index.put("com.a", WILDCARD, "wildcard")).isTrue();
        assertThat(index.put("com.a", PREFIX, "again")).isFalse();
        assertThat(index.put("com.a", WILDCARD, "again")).isFalse();

        assertThat(index.get("com.a", EXACT)).isEqualTo("first");
        assertThat(index.get("com.a", PREFIX)).isEqualTo("prefix");
        assertThat(index.get("com.a", WILDCARD)).isEqualTo("wildcard");
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void getFindsOnlyTheStoredPatternNotMatchingOnes() {
        index.put("com.", PREFIX, "p");
        index.put("com..x", WILDCARD, "w");
        assertThat(index.get("com.a", PREFIX)).isNull();
        assertThat(index.get("com", PREFIX)).isNull();
        assertThat(index.get("com.a.x", WILDCARD)).isNull();
        assertThat(index.get("com.", WILDCARD)).isNull();
        assertThat(index.get("com.", EXACT)).isNull();
    }

    @Test
    void removeReturnsTheValueOnceAndLeavesOtherPoliciesAlone() {
        index.put("a.b", EXACT, "e");
        index.put("a.b", PREFIX, "p");
        index.put("a.", WILDCARD, "w");

        assertThat(index.remove("a.b", PREFIX)).isEqualTo("p");
        assertThat(index.remove("a.b", PREFIX)).isNull();
        assertThat(index.remove("a", PREFIX)).isNull();
        assertThat(index.remove("a.x", WILDCARD)).isNull();
        assertThat(index.matchAll("a.b")).containsExactly("e", "w");
        assertThat(index.remove("a.", WILDCARD)).isEqualTo("w");
        assertThat(index.remove("a.b", EXACT)).isEqualTo("e");
        assertThat(index.isEmpty()).isTrue();
        assertThat(index.matchAll("a.b")).isEmpty();
    }

    @Test
    void matchAllFindsExactPrefixesAndWildcards() {
        index.put("natter.thread.abc", EXACT, "exact");
        index.put("natter.thread.", PREFIX, "threads");
        index.put("natter", PREFIX, "natter");
        index.put("", PREFIX, "everything");
        index.put("natter.thread.ab", PREFIX, "partial component");
        index.put("natter..abc", WILDCARD, "any kind abc");
        index.put("..", WILDCARD, "any three");
        index.put("natter.thread", EXACT, "other exact");
        index.put("natter.presence.", PREFIX, "presence");
        index.put("natter.thread.", WILDCARD, "any thread");
        index.put("natter.", WILDCARD, "too few components");
        index.put("natter.thread.abc.", WILDCARD, "too many components");
        index.put("natter.presence.", WILDCARD, "other literal");

        assertThat(index.matchAll("natter.thread.abc")).containsExactly(
                "exact", "everything", "natter", "threads", "partial component",
                "any thread", "any kind abc", "any three");
        assertThat(index.matchAll("other")).containsExactly("everything");
    }

    @Test
    void matchAllWithASinkSeesTheSameValues() {
        index.put("a", EXACT, "1");
        index.put("a", PREFIX, "2");
        index.put("", WILDCARD, "3");
        List<String> seen = new ArrayList<>();
        index.matchAll("a", seen::add);
        assertThat(seen).containsExactly("1", "2", "3");
    }

    @Test
    void bestMatchFollowsTheSpecsExample() {
        // The example of the WAMP spec's section "Pattern-based Registrations".
        index.put("a1.b2.c3.d4.e55", EXACT, "1");
        index.put("a1.b2.c3", PREFIX, "2");
        index.put("a1.b2.c3.d4", PREFIX, "3");
        index.put("a1.b2..d4.e5", WILDCARD, "4");
        index.put("a1.b2.c33..e5", WILDCARD, "5");
        index.put("a1.b2..d4.e5..g7", WILDCARD, "6");
        index.put("a1.b2..d4..f6.g7", WILDCARD, "7");

        assertThat(index.bestMatch("a1.b2.c3.d4.e55")).isEqualTo("1");
        assertThat(index.bestMatch("a1.b2.c3.d98.e74")).isEqualTo("2");
        assertThat(index.bestMatch("a1.b2.c3.d4.e325")).isEqualTo("3");
        assertThat(index.bestMatch("a1.b2.c55.d4.e5")).isEqualTo("4");
        assertThat(index.bestMatch("a1.b2.c88.d4.e5.f6.g7")).isEqualTo("6");
        assertThat(index.bestMatch("a2.b2.c2.d2.e2")).isNull();

        // The spec expects 5 here, but its own prefix rule (and Crossbar) compares characters, so
        // prefix 2 ("a1.b2.c3") is a prefix of "a1.b2.c33..." and a prefix beats every wildcard.
        assertThat(index.bestMatch("a1.b2.c33.d4.e5")).isEqualTo("2");
        index.remove("a1.b2.c3", PREFIX);
        assertThat(index.bestMatch("a1.b2.c33.d4.e5")).isEqualTo("5");
    }

    @Test
    void prefixesCompareCharactersNotComponents() {
        // The spec's pattern-based subscription example.
        index.put("com.myapp.topic.emergency", PREFIX, "p");
        assertThat(index.matchAll("com.myapp.topic.emergency.11")).containsExactly("p");
        assertThat(index.matchAll("com.myapp.topic.emergency-low")).containsExactly("p");
        assertThat(index.matchAll("com.myapp.topic.emergency.category.severe")).containsExactly("p");
        assertThat(index.matchAll("com.myapp.topic.emergency")).containsExactly("p");
        assertThat(index.matchAll("com.myapp.topic.emerge")).isEmpty();
    }

    @Test
    void bestMatchPrefersAPrefixOverAnyWildcardAndTheEmptyPrefixStillCounts() {
        index.put("a.b.c", WILDCARD, "all literal wildcard");
        index.put("", PREFIX, "empty prefix");
        assertThat(index.bestMatch("a.b.c")).isEqualTo("empty prefix");
        index.remove("", PREFIX);
        assertThat(index.bestMatch("a.b.c")).isEqualTo("all literal wildcard");
    }

    @Test
    void wildcardWithALiteralEarlierWinsEvenWhenItsRunsTieAnother() {
        // Runs of literals before each wildcard are (1, 2) for both; the spec leaves that open.
        // The literal-first order picks the pattern whose literal comes first.
        index.put("a..c.d.", WILDCARD, "x");
        index.put("a...d.e", WILDCARD, "y");
        assertThat(index.bestMatch("a.b.c.d.e")).isEqualTo("x");
        assertThat(index.matchAll("a.b.c.d.e")).containsExactly("x", "y");
    }

    @Test
    void valuesListsEveryStoredValue() {
        index.put("x", EXACT, "1");
        index.put("x.", PREFIX, "2");
        index.put("x.y", PREFIX, "3");
        index.put(".y", WILDCARD, "4");
        index.put("x.", WILDCARD, "5");
        assertThat(index.values()).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
        for (String v : index.values()) {
            assertThat(v).isNotNull();
        }
        index.remove("x.", PREFIX);
        assertThat(index.values()).containsExactlyInAnyOrder("1", "3", "4", "5");
    }

    @Test
    void nullArgumentsAreBugs() {
        assertThatNullPointerException().isThrownBy(() -> index.put("a", EXACT, null));
        assertThatNullPointerException().isThrownBy(() -> index.put(null, EXACT, "v"));
        assertThatNullPointerException().isThrownBy(() -> index.matchAll(null));
        assertThatNullPointerException().isThrownBy(() -> index.bestMatch(null));
    }

    @Test
    void manyComponentsDoNotOverflowTheStack() {
        String deep = "a.".repeat(50_000) + "a";
        String deepPattern = ".".repeat(50_000);
        assertThat(index.put(deepPattern, WILDCARD, "deep")).isTrue();
        assertThat(index.put(deep, PREFIX, "long prefix")).isTrue();
        assertThat(index.matchAll(deep)).containsExactly("long prefix", "deep");
        assertThat(index.values()).hasSize(2);
        assertThat(index.remove(deepPattern, WILDCARD)).isEqualTo("deep");
    }
}
