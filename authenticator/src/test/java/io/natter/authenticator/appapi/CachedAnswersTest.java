package io.natter.authenticator.appapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.natter.authenticator.config.AuthenticatorConfig;
import io.natter.wamp.auth.Secret;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedAnswersTest {

    private static final CraMaterial MATERIAL = new CraMaterial(Secret.of("derived"), "salt", 1000, 32);

    /** A directory whose answers the test gives by hand, counting the questions. */
    private static final class ManualDirectory implements UserDirectory {
        final List<Promise<Optional<CraMaterial>>> authAsked = new ArrayList<>();
        final List<Promise<Boolean>> accessAsked = new ArrayList<>();

        @Override
        public Future<Optional<CraMaterial>> auth(String authid, String tokenId) {
            Promise<Optional<CraMaterial>> p = Promise.promise();
            authAsked.add(p);
            return p.future();
        }

        @Override
        public Future<Boolean> isMember(String thread, String authid) {
            Promise<Boolean> p = Promise.promise();
            accessAsked.add(p);
            return p.future();
        }
    }

    private final ManualDirectory directory = new ManualDirectory();

    private CachedAnswers answers(Duration ttl) {
        return new CachedAnswers(directory, new AuthenticatorConfig.Cache() {
            @Override
            public Duration authTtl() {
                return ttl;
            }

            @Override
            public Duration accessTtl() {
                return ttl;
            }

            @Override
            public int maxEntries() {
                return 100;
            }

            @Override
            public Duration revokedTokenMemory() {
                return Duration.ofMinutes(1);
            }
        }, new SimpleMeterRegistry());
    }

    @Test
    void concurrentQuestionsMakeOneRequestAndTheAnswerIsReused() {
        CachedAnswers answers = answers(Duration.ofMinutes(1));
        Future<Boolean> first = answers.isMember("general", "alice");
        Future<Boolean> second = answers.isMember("general", "alice");
        assertThat(directory.accessAsked).hasSize(1);

        directory.accessAsked.get(0).complete(true);

        assertThat(first.result()).isTrue();
        assertThat(second.result()).isTrue();
        assertThat(answers.isMember("general", "alice").result()).isTrue();
        assertThat(directory.accessAsked).hasSize(1);
        answers.isMember("general", "bob");
        answers.isMember("other", "alice");
        assertThat(directory.accessAsked).hasSize(3);
    }

    @Test
    void aFailureIsPassedOnAndNotKept() {
        CachedAnswers answers = answers(Duration.ofMinutes(1));
        Future<Optional<CraMaterial>> failed = answers.auth("alice", "t1");
        directory.authAsked.get(0).fail(new AppApiUnavailable("down"));

        assertThat(failed.cause()).isInstanceOf(AppApiUnavailable.class).hasMessage("down");
        Future<Optional<CraMaterial>> again = answers.auth("alice", "t1");
        assertThat(directory.authAsked).hasSize(2);
        directory.authAsked.get(1).complete(Optional.of(MATERIAL));
        assertThat(again.result()).contains(MATERIAL);
    }

    @Test
    void answersExpire() throws InterruptedException {
        CachedAnswers answers = answers(Duration.ofMillis(50));
        answers.auth("alice", "t1");
        directory.authAsked.get(0).complete(Optional.empty());
        assertThat(answers.auth("alice", "t1").result()).isEmpty();
        assertThat(directory.authAsked).hasSize(1);

        Thread.sleep(200);
        answers.auth("alice", "t1");
        assertThat(directory.authAsked).hasSize(2);
    }

    @Test
    void aForgottenMembershipIsAskedAgainAndAnAnswerInFlightIsNotKept() {
        CachedAnswers answers = answers(Duration.ofMinutes(1));
        Future<Boolean> inFlight = answers.isMember("general", "bob");
        answers.forgetMembership("general", "bob");
        directory.accessAsked.get(0).complete(true);
        assertThat(inFlight.result()).isTrue();

        Future<Boolean> fresh = answers.isMember("general", "bob");
        assertThat(directory.accessAsked).hasSize(2);
        directory.accessAsked.get(1).complete(false);
        assertThat(fresh.result()).isFalse();
    }

    @Test
    void aRevokedTokenIsRefusedWhateverTheCacheOrAnAnswerInFlightSays() {
        CachedAnswers answers = answers(Duration.ofMinutes(1));
        answers.auth("alice", "t1");
        directory.authAsked.get(0).complete(Optional.of(MATERIAL));
        assertThat(answers.auth("alice", "t1").result()).contains(MATERIAL);
        Future<Optional<CraMaterial>> otherInFlight = answers.auth("alice", "t2");

        answers.forgetToken("alice", "t1");
        answers.forgetToken("alice", "t2");
        directory.authAsked.get(1).complete(Optional.of(MATERIAL));

        assertThat(answers.auth("alice", "t1").result()).isEmpty();
        assertThat(otherInFlight.result()).isEmpty();
        assertThat(directory.authAsked).hasSize(2);
        answers.auth("alice", "t3");
        answers.auth("bob", "t1");
        assertThat(directory.authAsked).hasSize(4);
    }
}
