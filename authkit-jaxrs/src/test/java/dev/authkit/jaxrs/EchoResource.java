package dev.authkit.jaxrs;

import dev.authkit.testkit.conformance.ConformanceEcho;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/** The conformance suite's application: every path answers with what the resource saw. */
@Path("{any: .*}")
public class EchoResource {
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    SecurityContext security;
    @Context
    Request request;

    @GET
    public Response get() {
        return echo();
    }

    @POST
    public Response post() {
        return echo();
    }

    Response echo() {
        return Response.ok(ConformanceEcho.render(request.getMethod(), uri.getRequestUri().getRawPath(), JaxRsAuthKit.auth(security),
                Optional.ofNullable(security.getUserPrincipal()).map(p -> p.getName()), security.isUserInRole("admin"),
                headers.getRequestHeaders()), "application/json").build();
    }
}
