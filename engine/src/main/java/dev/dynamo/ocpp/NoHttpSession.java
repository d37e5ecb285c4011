package dev.dynamo.ocpp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * OCPP upgrades without an HTTP session. Javalin reads the session's attributes at every WebSocket upgrade,
 * and {@code getSession()} creates one: a random id, a {@code Set-Cookie} in the 101, and an entry in Jetty's
 * session cache that never expires (Javalin's session handler sets no idle time), so every reconnect of a
 * charger cost CPU in a reconnect storm and leaked a little memory for good. OCPP-J has no use for cookies or
 * sessions: the connection is bound to its charger at the upgrade. The request seen behind this filter has
 * one empty, read-only session of its own that is never stored.
 */
final class NoHttpSession implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request instanceof HttpServletRequest http ? new Request(http) : request, response);
    }

    private static final class Request extends HttpServletRequestWrapper {
        private final Session session;

        Request(HttpServletRequest request) {
            super(request);
            this.session = new Session(request.getServletContext());
        }

        @Override public HttpSession getSession(boolean create) { return session; }

        @Override public HttpSession getSession() { return session; }

        @Override public String getRequestedSessionId() { return null; }

        @Override public boolean isRequestedSessionIdValid() { return false; }
    }

    /** Empty; what is set on it is dropped (nothing of the connector sets anything). */
    private record Session(ServletContext context) implements HttpSession {
        @Override public long getCreationTime() { return 0; }

        @Override public String getId() { return ""; }

        @Override public long getLastAccessedTime() { return 0; }

        @Override public ServletContext getServletContext() { return context; }

        @Override public void setMaxInactiveInterval(int interval) {}

        @Override public int getMaxInactiveInterval() { return 0; }

        @Override public Object getAttribute(String name) { return null; }

        @Override public Enumeration<String> getAttributeNames() { return Collections.emptyEnumeration(); }

        @Override public void setAttribute(String name, Object value) {}

        @Override public void removeAttribute(String name) {}

        @Override public void invalidate() {}

        @Override public boolean isNew() { return false; }
    }
}
