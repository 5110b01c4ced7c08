/**
 * JMH micro-benchmarks of the hot paths of the {@code wamp} library the router is built on:
 * serializer encode/decode, {@code UriIndex.matchAll} over large pattern sets, EVENT fan-out
 * serialization and WAMP-CRA signing. Run them with {@code bin/bench jmh} (arguments go to JMH).
 */
package io.natter.bench.jmh;
