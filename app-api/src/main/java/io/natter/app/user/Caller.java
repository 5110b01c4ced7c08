package io.natter.app.user;

/** An authenticated REST caller: the user and the id of the token it presented. */
public record Caller(String name, String tokenId) {
}
