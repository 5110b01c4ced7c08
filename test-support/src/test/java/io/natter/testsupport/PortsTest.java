package io.natter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreDistinctAndListeningTellsAnOpenPortFromAClosedOne() throws Exception {
        assertThat(Ports.free(4)).doesNotHaveDuplicates().allMatch(p -> p > 0);
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.listening(open.getLocalPort())).isTrue();
        }
        assertThat(Ports.listening(Ports.free())).isFalse();
    }
}
