package io.natter.router.access;

import static io.natter.wamp.uri.MatchPolicy.EXACT;
import static io.natter.wamp.uri.MatchPolicy.PREFIX;
import static io.natter.wamp.uri.MatchPolicy.WILDCARD;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UriOverlapTest {

    @Test
    void exactAgainstEverything() {
        assertThat(UriOverlap.overlaps("a.b", EXACT, "a.b", EXACT)).isTrue();
        assertThat(UriOverlap.overlaps("a.b", EXACT, "a.c", EXACT)).isFalse();
        assertThat(UriOverlap.overlaps("a.b", EXACT, "a.", PREFIX)).isTrue();
        assertThat(UriOverlap.overlaps("a.", PREFIX, "a.b", EXACT)).isTrue();
        assertThat(UriOverlap.overlaps("a.b", EXACT, "b.", PREFIX)).isFalse();
        assertThat(UriOverlap.overlaps("a.b.c", EXACT, "a..c", WILDCARD)).isTrue();
        assertThat(UriOverlap.overlaps("a.b.d", EXACT, "a..c", WILDCARD)).isFalse();
        assertThat(UriOverlap.overlaps("a.b", EXACT, "a..c", WILDCARD)).isFalse();
    }

    @Test
    void patternsAgainstPatterns() {
        assertThat(UriOverlap.overlaps("a.", PREFIX, "a.b.", PREFIX)).isTrue();
        assertThat(UriOverlap.overlaps("a.b.", PREFIX, "a.", PREFIX)).isTrue();
        assertThat(UriOverlap.overlaps("a.b", PREFIX, "a.c", PREFIX)).isFalse();
        assertThat(UriOverlap.overlaps("", PREFIX, "x..y", WILDCARD)).isTrue();
        assertThat(UriOverlap.overlaps("a.b", PREFIX, "a.bc.d", WILDCARD)).isTrue();
        assertThat(UriOverlap.overlaps("a.x", PREFIX, "a.b.", WILDCARD)).isFalse();
        assertThat(UriOverlap.overlaps("a..c", WILDCARD, "a.b.", WILDCARD)).isTrue();
        assertThat(UriOverlap.overlaps("a..c", WILDCARD, "a.b.d", WILDCARD)).isFalse();
        assertThat(UriOverlap.overlaps("a..c", WILDCARD, "a.b", WILDCARD)).isFalse();
    }
}
