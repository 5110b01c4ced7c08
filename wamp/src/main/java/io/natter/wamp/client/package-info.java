/**
 * An asynchronous WAMP v2 client on Vert.x, used by the workers, the tests and the benchmarks.
 *
 * <p>Start at {@link io.natter.wamp.client.WampClient}: build one with
 * {@link io.natter.wamp.client.WampClient#builder}, {@code connect()}, then publish, subscribe,
 * call and register; everything returns a Vert.x {@link io.vertx.core.Future}. Failures carry a
 * WAMP error URI in a {@link io.natter.wamp.client.WampException}; the client's own URIs are in
 * {@link io.natter.wamp.client.ClientErrors}.
 *
 * <p>Concurrency model, in one sentence: each client lives on one Vert.x event-loop context, and
 * every handler, listener and future completion of that client runs on that context's thread, in
 * the order the router's messages arrived.
 */
package io.natter.wamp.client;
