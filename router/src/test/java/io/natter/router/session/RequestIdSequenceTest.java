package io.natter.router.session;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestIdSequenceTest {

    @Test
    void startsAtOneAndCountsUp() {
        RequestIdSequence sequence = new RequestIdSequence();
        assertThatCode(() -> {
            sequence.accept(1, "SUBSCRIBE");
            sequence.accept(2, "PUBLISH");
            sequence.accept(3, "CALL");
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> sequence.accept(3, "CALL")).isInstanceOf(ProtocolViolation.class)
                .hasMessageContaining("CALL request ID 3 is not sequential: expected 4");
    }

    @Test
    void wrapsFromTwoToTheFiftyThreeBackToOne() {
        RequestIdSequence sequence = new RequestIdSequence(Ids.MAX - 1);
        sequence.accept(Ids.MAX, "PUBLISH");
        sequence.accept(1, "PUBLISH");
        assertThatThrownBy(() -> new RequestIdSequence(Ids.MAX).accept(Ids.MAX + 1, "PUBLISH")).isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void rejectsAGapAndAStartOtherThanOne() {
        assertThatThrownBy(() -> new RequestIdSequence().accept(0, "REGISTER")).isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> new RequestIdSequence().accept(2, "REGISTER")).isInstanceOf(ProtocolViolation.class);
    }
}
