package io.pulseloop.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP forwarder on a port of its own in front of a server of the test (GreenMail, WireMock): the services are given
 * the gate's port, and {@link #shut()} makes that port one with nothing listening — new connections are refused, open
 * ones are cut — until {@link #open()} listens on the same port again. The server behind it keeps running, and keeps
 * what it received.
 */
final class TcpGate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpGate.class);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String name;
    private final int target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;

    private TcpGate(String name, int target) throws IOException {
        this.name = name;
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    /** A gate open on a free loopback port, forwarding to {@code target} on the loopback address. */
    static TcpGate to(String name, int target) {
        try {
            return new TcpGate(name, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port the services are given. */
    int port() {
        return port;
    }

    /** How many connections it forwarded so far. */
    int connections() {
        return connections.get();
    }

    synchronized boolean isOpen() {
        return server != null;
    }

    /** Nothing listens on the port any more: connections are refused, and those open are cut. */
    synchronized void shut() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("{}: closing the listener: {}", name, e.toString());
        }
        server = null;
        sockets.forEach(TcpGate::quietlyClose);
        sockets.clear();
        LOG.info("{} gate on port {} shut: connections refused", name, port);
    }

    /** Listens on the same port again. */
    synchronized void open() {
        if (server != null) {
            return;
        }
        try {
            server = listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " gate cannot listen on port " + port + " again", e);
        }
        accept(server);
        LOG.info("{} gate on port {} open again", name, port);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(LOOPBACK, port), 50);
        return socket;
    }

    private void accept(ServerSocket listener) {
        Thread thread = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    forward(client);
                } catch (IOException closed) {
                    return;
                }
            }
        }, name + "-gate-accept");
        thread.setDaemon(true);
        thread.start();
    }

    private void forward(Socket client) {
        Socket upstream;
        try {
            upstream = new Socket(LOOPBACK, target);
        } catch (IOException e) {
            quietlyClose(client);
            return;
        }
        connections.incrementAndGet();
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream, "up");
        pump(upstream, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException cut) {
                // the gate shut, or one side closed: close both
            } finally {
                quietlyClose(from);
                quietlyClose(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, name + "-gate-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        shut();
    }
}
