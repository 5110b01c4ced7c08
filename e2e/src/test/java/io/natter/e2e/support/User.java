package io.natter.e2e.support;

import io.natter.wamp.auth.Secret;

/** A user the tests signed up: name, password (for logging in on more devices), first device. */
public record User(String name, Secret password, Device device) {
}
