package io.custodian.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.access.keys.ApiKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an actor is, and what its name says it is. */
class ActorTest {

    @Test
    void aTokenWhoseSubjectReadsLikeTheBootstrapKeyIsAToken() {
        Actor token = Actor.token("bootstrap admin (bootstrap)");
        Actor bootstrap = Actor.apiKey("bootstrap admin", ApiKeys.BOOTSTRAP_PREFIX);

        assertThat(token.kind()).isEqualTo(Actor.Kind.TOKEN);
        assertThat(token.id()).isEqualTo("bootstrap admin (bootstrap)");
        assertThat(bootstrap.kind()).isEqualTo(Actor.Kind.BOOTSTRAP_KEY);
        assertThat(bootstrap.id()).isEqualTo("bootstrap");
        assertThat(bootstrap.name()).isEqualTo("bootstrap admin (bootstrap)");
        assertThat(Actor.fromName(token.name())).isEqualTo(token);
    }

    @Test
    void everyActorsNameSaysItsKindAndId() {
        List<Actor> actors = List.of(
                Actor.apiKey("airflow prod", "1a2b3c4d"),
                Actor.apiKey("bootstrap admin", ApiKeys.BOOTSTRAP_PREFIX),
                // Names and subjects that end like another kind's name.
                Actor.apiKey("x (token)", "0badcafe"),
                Actor.apiKey("y (bootstrap)", "00000000"),
                Actor.token("alice@example.org"),
                Actor.token("z (1a2b3c4d)"),
                Actor.token("w (token)"),
                Actor.token(""),
                Actor.token("line one\nline two (bootstrap)"),
                // Too long for a name: cut, never the suffix.
                Actor.token("t".repeat(300) + " (bootstrap)"),
                Actor.apiKey("k".repeat(256), "fedcba98"),
                Actor.service("custodian"),
                Actor.service("environment"));
        for (Actor actor : actors) {
            assertThat(actor.name().length()).as(actor.name()).isLessThanOrEqualTo(Actor.MAX_NAME);
            assertThat(Actor.fromName(actor.name())).as(actor.name()).isEqualTo(actor);
        }
        assertThat(Actor.token("t".repeat(300)).name()).endsWith("t (token)");
    }

    @Test
    void aNameWithoutACallersSuffixIsAServiceOnlyWhenItIsOneOfTheServicesNames() {
        assertThat(Actor.fromName("custodian-scanner").kind()).isEqualTo(Actor.Kind.SERVICE);
        assertThat(Actor.fromName("retention-scheduler").kind()).isEqualTo(Actor.Kind.SERVICE);
        for (String name : List.of("alice", "x (ABCD1234)", "x (1a2b3c4z)", "x (1a2b3c4)", "(token)", "custodian ")) {
            Actor actor = Actor.fromName(name);
            assertThat(actor.kind()).as(name).isEqualTo(Actor.Kind.UNKNOWN);
            assertThat(actor.id()).as(name).isEqualTo(name);
        }
        assertThatThrownBy(() -> Actor.service("alice")).isInstanceOf(IllegalArgumentException.class);
    }
}
