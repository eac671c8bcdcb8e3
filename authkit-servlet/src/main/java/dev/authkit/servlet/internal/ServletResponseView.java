package dev.authkit.servlet.internal;

import dev.authkit.core.AuthKitResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An {@link HttpServletResponse} as authkit-core's response. Each {@code Set-Cookie} stays its own header. */
public final class ServletResponseView implements AuthKitResponse {
    private final HttpServletResponse response;

    public ServletResponseView(HttpServletResponse response) {
        this.response = response;
    }

    @Override
    public void setStatus(int status) {
        response.setStatus(status);
    }

    @Override
    public void setHeader(String name, String value) {
        response.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        response.addHeader(name, value);
    }

    @Override
    public void writeBody(String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType.contains("charset") ? contentType : contentType + ";charset=utf-8");
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
