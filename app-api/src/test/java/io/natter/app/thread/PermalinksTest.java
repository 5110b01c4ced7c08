package io.natter.app.thread;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermalinksTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Hello World|hello-world",
        "  --Ça va? Très bien!--  |ca-va-tres-bien",
        "PHP York 2026|php-york-2026",
        "???|thread",
        "日本語|thread",
        "a__b  c|a-b-c"})
    void slugs(String title, String expected) {
        assertThat(Permalinks.slug(title)).isEqualTo(expected);
        assertThat(Permalinks.valid(Permalinks.slug(title))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij"})
    void longTitlesAreCutAtAWordBoundaryWithoutTrailingDash(String title) {
        String slug = Permalinks.slug(title);
        assertThat(slug).hasSizeLessThanOrEqualTo(48).doesNotEndWith("-");
        assertThat(Permalinks.valid(slug)).isTrue();
    }
}
