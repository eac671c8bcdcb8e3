package dev.authkit.core.behaviour;

import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The common ground of the behaviour tests: one FakeWorkOS with the demo data per class, reset per test. */
abstract class BehaviourTest {
    @RegisterExtension
    static FakeWorkOSExtension extension = new FakeWorkOSExtension(Harness.fakeOptions());

    FakeWorkOS fake;
    Harness h;

    @BeforeEach
    void wire(FakeWorkOS fake) {
        this.fake = fake;
        this.h = new Harness(fake);
    }
}
