package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void countsFromOneWithoutGaps() {
        RequestIds ids = new RequestIds();
        assertThat(ids.issued(1)).isFalse();
        assertThat(ids.next()).isEqualTo(1);
        assertThat(ids.next()).isEqualTo(2);
        assertThat(ids.next()).isEqualTo(3);
        assertThat(ids.issued(3)).isTrue();
        assertThat(ids.issued(4)).isFalse();
        assertThat(ids.issued(0)).isFalse();
    }

    @Test
    void wrapsToOneAfterTwoToTheFiftyThree() {
        RequestIds ids = new RequestIds(RequestIds.MAX - 1);
        assertThat(ids.next()).isEqualTo(1L << 53);
        assertThat(ids.next()).isEqualTo(1);
        assertThat(ids.next()).isEqualTo(2);
    }
}
