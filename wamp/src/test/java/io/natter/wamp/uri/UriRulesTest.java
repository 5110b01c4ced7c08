package io.natter.wamp.uri;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UriRulesTest {

    @Test
    void looseUrisRejectWhitespaceHashAndEmptyComponents() {
        assertThat(UriRules.isValid("com.myapp.topic1", false, false)).isTrue();
        assertThat(UriRules.isValid("com.MyApp.Topic-1", false, false)).isTrue();
        assertThat(UriRules.isValid("natter.thread.le-café", false, false)).isTrue();
        assertThat(UriRules.isValid("com.my app.topic", false, false)).isFalse();
        assertThat(UriRules.isValid("com.my\u00a0app", false, false)).isFalse();
        assertThat(UriRules.isValid("com.my\u001capp", false, false)).isFalse();
        assertThat(UriRules.isValid("com.#.topic", false, false)).isFalse();
        assertThat(UriRules.isValid("com..topic", false, false)).isFalse();
        assertThat(UriRules.isValid(".com", false, false)).isFalse();
        assertThat(UriRules.isValid("com.", false, false)).isFalse();
        assertThat(UriRules.isValid("", false, false)).isFalse();
        assertThat(UriRules.isValid(null, false, false)).isFalse();
    }

    @Test
    void strictUrisAllowOnlyLowerCaseLettersDigitsAndUnderscore() {
        assertThat(UriRules.isValid("com.myapp_2.topic1", true, false)).isTrue();
        assertThat(UriRules.isValid("com.MyApp.topic", true, false)).isFalse();
        assertThat(UriRules.isValid("com.my-app.topic", true, false)).isFalse();
        assertThat(UriRules.isValid("com.café", true, false)).isFalse();
    }

    @Test
    void emptyComponentsAllowedAnywhereWhenAsked() {
        assertThat(UriRules.isValid("com..topic", false, true)).isTrue();
        assertThat(UriRules.isValid(".a.", true, true)).isTrue();
        assertThat(UriRules.isValid("...", true, true)).isTrue();
        assertThat(UriRules.isValid("", true, true)).isTrue();
        assertThat(UriRules.isValid("a. .b", false, true)).isFalse();
    }

    @Test
    void patternsFollowTheirPolicy() {
        assertThat(UriRules.isValidPattern("com.myapp", MatchPolicy.EXACT, true)).isTrue();
        assertThat(UriRules.isValidPattern("com..x", MatchPolicy.EXACT, false)).isFalse();

        // Crossbar: prefix patterns may end with a dot, stop inside a component, or be empty.
        assertThat(UriRules.isValidPattern("com.myapp.", MatchPolicy.PREFIX, true)).isTrue();
        assertThat(UriRules.isValidPattern("com.mya", MatchPolicy.PREFIX, true)).isTrue();
        assertThat(UriRules.isValidPattern("", MatchPolicy.PREFIX, true)).isTrue();
        assertThat(UriRules.isValidPattern("com..x", MatchPolicy.PREFIX, false)).isFalse();
        assertThat(UriRules.isValidPattern(".com", MatchPolicy.PREFIX, false)).isFalse();
        assertThat(UriRules.isValidPattern("com..", MatchPolicy.PREFIX, false)).isFalse();

        assertThat(UriRules.isValidPattern("com..topic.", MatchPolicy.WILDCARD, true)).isTrue();
        assertThat(UriRules.isValidPattern("com..Topic", MatchPolicy.WILDCARD, true)).isFalse();
        assertThat(UriRules.isValidPattern(null, MatchPolicy.WILDCARD, false)).isFalse();
    }
}
