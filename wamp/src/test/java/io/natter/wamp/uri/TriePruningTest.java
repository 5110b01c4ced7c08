package io.natter.wamp.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriePruningTest {

    @Test
    void wildcardTrieDropsNodesThatLeadNowhere() {
        WildcardTrie<String> trie = new WildcardTrie<>();
        trie.put("a..c", "1");
        trie.put("a.b.c", "2");
        trie.put("a.b", "3");
        trie.remove("a..c");
        trie.remove("a.b.c");
        assertThat(trie.isEmpty()).isFalse();
        trie.remove("a.b");
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    void prefixTrieDropsNodesThatLeadNowhere() {
        PrefixTrie<String> trie = new PrefixTrie<>();
        trie.put("abc", "1");
        trie.put("ab", "2");
        trie.put("", "3");
        trie.remove("abc");
        assertThat(trie.get("abc")).isNull();
        trie.remove("ab");
        trie.remove("");
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    void componentMapKeepsProbeRunsIntactAcrossRemovals() {
        ComponentMap<Integer> map = new ComponentMap<>();
        // "Aa" and "BB" share a hash code, so they collide and form a probe run.
        List<String> keys = new ArrayList<>(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "x", "y"));
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), i);
        }
        map.remove("Aa");
        map.remove("AaBB");
        assertThat(map.get("Aa")).isNull();
        assertThat(map.get("BB")).isEqualTo(1);
        assertThat(map.get("BBAa")).isEqualTo(5);
        assertThat(map.get("zBBz", 1, 3)).isEqualTo(1);
        assertThat(map.size()).isEqualTo(6);
    }
}
