package dev.dynamo.server;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketConnection;

/**
 * The engine's plain (not TLS) connector, where a WebSocket's frames are read, parsed and handled on the selector
 * thread that found the socket readable, like an echo server's, instead of a hand-off to a pool thread per readable
 * socket (Jetty runs a connection's reads as a blocking task by default: the selector wakes a reserved thread or
 * queues the read, so every charger's answer cost a thread waking and parking; measured in docs/benchmarks.md,
 * "The burst: reading WebSocket frames on the selector thread"). HTTP requests and the upgrade itself are dispatched
 * as before.
 *
 * <p>So a WebSocket handler of the engine must never block: the only one, OCPP's, takes in answers to its CALLs
 * at once and hands the chargers' requests, which may wait on a site or the store, to the server's thread pool.
 *
 * <p>It leans on Jetty 12.1 internals; {@code InPlaceWebSocketConnectorTest} fails if an upgrade brings the hand-off
 * back.
 */
final class InPlaceWebSocketConnector extends ServerConnector {

    InPlaceWebSocketConnector(Server server, ConnectionFactory... factories) {
        super(server, factories);
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        var endPoint = new InPlaceEndPoint(channel, selector, key, this);
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }

    private static final class InPlaceEndPoint extends SocketChannelEndPoint {
        InPlaceEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, ServerConnector connector) {
            super(channel, selector, key, connector.getScheduler());
        }

        @Override
        public void fillInterested(Callback callback) {
            super.fillInterested(inPlace(callback));
        }

        @Override
        public boolean tryFillInterested(Callback callback) {
            return super.tryFillInterested(inPlace(callback));
        }

        /** The last wrapper made: a connection passes the same read callback each time (no new one per read). */
        private volatile NonBlocking lastInPlace;

        /** A WebSocket's read runs where the selector found it readable; anything else's as Jetty decides. */
        private Callback inPlace(Callback callback) {
            if (!(getConnection() instanceof WebSocketConnection)) return callback;
            var wrapper = lastInPlace;
            if (wrapper == null || wrapper.read() != callback) {
                wrapper = new NonBlocking(callback);
                lastInPlace = wrapper;
            }
            return wrapper;
        }
    }

    /** The read of a WebSocket connection, declared not to block. */
    private record NonBlocking(Callback read) implements Callback {
        @Override
        public void succeeded() {
            read.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            read.failed(failure);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }
}
