/**
 * Settings the workers (authenticator, listener, notifier) share, as pieces of their own
 * {@code @ConfigMapping}s: a worker's {@code natter.rabbitmq} or {@code natter.app} interface
 * extends one of these, so each setting has one name, one default and one Javadoc.
 */
package io.natter.wamp.quarkus.settings;
