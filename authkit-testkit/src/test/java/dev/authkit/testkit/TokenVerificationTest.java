package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import java.time.Duration;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** jose4j verifies FakeWorkOS's tokens through its JWKS, before and after key rotation. */
@ExtendWith(FakeWorkOSExtension.class)
class TokenVerificationTest {

    static JwtConsumer consumer(FakeWorkOS fake) {
        HttpsJwks jwks = new HttpsJwks(fake.baseUrl() + "/sso/jwks/" + fake.clientId());
        jwks.setRefreshReprieveThreshold(0);
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setRequireExpirationTime()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(fake.clock().instant().getEpochSecond()))
                .build();
    }

    @Test
    void tokensVerifyAgainstTheJwks(FakeWorkOS fake) throws Exception {
        FakeUser u = fake.addUser("v@example.com");
        IssuedSession s = fake.signIn(u);
        JwtClaims claims = consumer(fake).processToClaims(s.accessToken());
        assertThat(claims.getSubject()).isEqualTo(u.id());
        assertThat(claims.getStringClaimValue("sid")).isEqualTo(s.sessionId());
    }

    @Test
    void rotationKeepingOldKeysVerifiesOldAndNewTokens(FakeWorkOS fake) throws Exception {
        FakeUser u = fake.addUser("r@example.com");
        String before = fake.signIn(u).accessToken();
        JwtConsumer consumer = consumer(fake);
        consumer.processToClaims(before);
        String oldKid = fake.currentKeyId();
        String newKid = fake.rotateKeys(true);
        assertThat(newKid).isNotEqualTo(oldKid);
        String after = fake.signIn(u).accessToken();
        // the consumer's cached JWKS lacks the new kid: jose4j refetches and finds it
        assertThat(consumer.processToClaims(after).getSubject()).isEqualTo(u.id());
        assertThat(consumer.processToClaims(before).getSubject()).isEqualTo(u.id());
        assertThat(fake.requests(Endpoint.JWKS)).hasSize(2);
    }

    @Test
    void rotationDroppingOldKeysRejectsOldTokens(FakeWorkOS fake) {
        FakeUser u = fake.addUser("d@example.com");
        String before = fake.signIn(u).accessToken();
        fake.rotateKeys(false);
        assertThatThrownBy(() -> consumer(fake).processToClaims(before)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void tokensExpireOnTheFakeClock(FakeWorkOS fake) {
        FakeUser u = fake.addUser("e@example.com");
        String token = fake.signIn(u).accessToken();
        fake.clock().advance(FakeWorkOS.DEFAULT_ACCESS_TOKEN_LIFETIME.plus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> consumer(fake).processToClaims(token))
                .isInstanceOf(InvalidJwtException.class)
                .satisfies(e -> assertThat(((InvalidJwtException) e).hasExpired()).isTrue());
    }
}
