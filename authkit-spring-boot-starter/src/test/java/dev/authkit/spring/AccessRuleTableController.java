package dev.authkit.spring;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints of {@link dev.authkit.testkit.conformance.AccessRuleTable} in {@link TestApp}, one
 * per rule, guarded by the starter's annotations (a top-level class: Spring Boot's test scan skips
 * classes nested in test classes).
 */
@RestController
@RequestMapping("/public/rules")
class AccessRuleTableController {
    @PermitAll
    @GetMapping("permit-all")
    String permitAll() {
        return "ok";
    }

    @DenyAll
    @GetMapping("deny-all")
    String denyAll() {
        return "ok";
    }

    @RequiresSignIn
    @GetMapping("signed-in")
    String signedIn() {
        return "ok";
    }

    @RequiresSignIn(roles = {"admin", "owner"})
    @GetMapping("any-role")
    String anyRole() {
        return "ok";
    }

    @RequiresSignIn(permissions = {"posts:read", "posts:write"})
    @GetMapping("all-permissions")
    String allPermissions() {
        return "ok";
    }

    @RolesAllowed({})
    @GetMapping("no-role")
    String noRole() {
        return "ok";
    }

    @RequiresRecentSignIn(seconds = 600)
    @GetMapping("recent-sign-in")
    String recentSignIn() {
        return "ok";
    }
}
