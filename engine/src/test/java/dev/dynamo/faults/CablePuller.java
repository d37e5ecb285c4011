package dev.dynamo.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay in front of a database whose cable can be pulled: while {@link #pull()}ed it accepts
 * connections and reads what is sent but forwards nothing either way, as a dead network path does (no
 * reset, no answer); {@link #plugIn()} drops every connection held and relays again.
 */
final class CablePuller implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong heldBytes = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean pulled;
    private volatile boolean closed;

    CablePuller(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("cable-accept").start(this::acceptAll);
    }

    int port() {
        return server.getLocalPort();
    }

    void pull() {
        pulled = true;
    }

    /** Bytes the database was sent while the cable was out (they never reached it). */
    long heldBytes() {
        return heldBytes.get();
    }

    void plugIn() {
        synchronized (sockets) {
            sockets.forEach(CablePuller::closeQuietly);
            sockets.clear();
        }
        pulled = false;
    }

    private void acceptAll() {
        while (!closed) {
            try {
                var client = server.accept();
                keep(client);
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException e) {
                if (!closed) throw new IllegalStateException(e);
            }
        }
    }

    private void relay(Socket client) {
        try {
            while (pulled) {
                if (client.isClosed()) return;
                Thread.sleep(20);
            }
            var upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            keep(upstream);
            var fromUpstream = upstream.getInputStream();
            var toClient = client.getOutputStream();
            Thread.ofVirtual().start(() -> pump(fromUpstream, toClient, client, upstream));
            pump(client.getInputStream(), upstream.getOutputStream(), client, upstream);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(InputStream in, OutputStream out, Socket a, Socket b) {
        var buffer = new byte[16_384];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (pulled) heldBytes.addAndGet(n);
                while (pulled) {
                    if (a.isClosed() || b.isClosed()) return;
                    Thread.sleep(20);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the other side went away, or the cable was plugged in again (every socket closed)
        } finally {
            closeQuietly(a);
            closeQuietly(b);
        }
    }

    private void keep(Socket socket) {
        synchronized (sockets) {
            sockets.add(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException _) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        plugIn();
    }
}
