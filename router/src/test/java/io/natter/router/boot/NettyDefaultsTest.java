package io.natter.router.boot;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class NettyDefaultsTest {

    @Test
    void turnsNettysObjectPoolOffUnlessTheCommandLineSaysOtherwise() {
        Properties none = new Properties();
        NettyDefaults.apply(none);
        assertThat(none.getProperty("io.netty.recycler.maxCapacityPerThread")).isEqualTo("0");

        Properties given = new Properties();
        given.setProperty("io.netty.recycler.maxCapacityPerThread", "4096");
        NettyDefaults.apply(given);
        assertThat(given.getProperty("io.netty.recycler.maxCapacityPerThread")).isEqualTo("4096");
    }

    @Test
    void theProbeSeesThePoolOfThisJvm() {
        // The test JVM starts without RouterMain: Netty's default, the pool on.
        assertThat(System.getProperty("io.netty.recycler.maxCapacityPerThread")).isNull();
        assertThat(NettyDefaults.objectPoolOn()).isTrue();
    }
}
