package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.core.RevocationList;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.IssuedSession;
import org.junit.jupiter.api.Test;

/** A bearer access token of a revoked session is refused, as a cookie of it is. */
class RevokedBearerTokenTest extends BehaviourTest {

    @Test
    void aBearerAccessTokenOfARevokedSessionIsRefused() {
        RevocationList list = RevocationList.inProcess(fake.clock());
        AuthKit kit = h.authKit().revocationList(list).middlewareAuth(true).acceptBearerTokens(true).build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Outcome before = kit.handle(TestRequest.get(APP + "/api/posts").header("Authorization", "Bearer " + s.accessToken()));
        assertThat(before).isInstanceOf(Outcome.Continue.class);
        list.revoke(s.sessionId(), fake.clock().instant().plusSeconds(600));
        Outcome after = kit.handle(TestRequest.get(APP + "/api/posts").header("Authorization", "Bearer " + s.accessToken()));
        assertThat(after).as("the revoked session's access token, presented as a bearer token")
                .isInstanceOfSatisfying(Outcome.Respond.class, r -> assertThat(r.status()).isEqualTo(401));
    }
}
