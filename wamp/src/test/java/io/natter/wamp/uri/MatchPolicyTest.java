package io.natter.wamp.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatchPolicyTest {

    @Test
    void wireNamesAreTheSpecsOptionValues() {
        assertThat(MatchPolicy.EXACT.wireName()).isEqualTo("exact");
        assertThat(MatchPolicy.PREFIX.wireName()).isEqualTo("prefix");
        assertThat(MatchPolicy.WILDCARD.wireName()).isEqualTo("wildcard");
    }

    @Test
    void fromWireRoundTripsEveryPolicy() {
        for (MatchPolicy policy : MatchPolicy.values()) {
            assertThat(MatchPolicy.fromWire(policy.wireName())).contains(policy);
        }
    }

    @Test
    void fromWireIsEmptyForAbsentOrUnknownNames() {
        assertThat(MatchPolicy.fromWire(null)).isEqualTo(Optional.empty());
        assertThat(MatchPolicy.fromWire("regex")).isEmpty();
        assertThat(MatchPolicy.fromWire("EXACT")).isEmpty();
        assertThat(MatchPolicy.fromWire("")).isEmpty();
    }
}
