package io.pulseloop.testsupport.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port in front of the Kafka broker that a test opens and closes: while closed nothing listens there
 * (connection refused, as with a broker that is down); while open it forwards to the broker. A producer
 * bootstrapped through the gate gets no metadata while it is closed (the "not present in metadata" path of issue
 * 11 #3); once open, it learns the broker's own address and connects there directly.
 */
public final class TcpGate implements AutoCloseable {

    private final String brokerHost;
    private final int brokerPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    public TcpGate(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        this.brokerHost = first.substring(0, colon);
        this.brokerPort = Integer.parseInt(first.substring(colon + 1));
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The bootstrap address to give a client: the gate's port on the loopback interface. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts forwarding connections to the broker. */
    public synchronized void open() {
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = listening;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        start("broker-gate-accept", this::accept);
    }

    private void accept() {
        ServerSocket listening = server;
        while (listening != null && !listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket broker = new Socket(brokerHost, brokerPort);
                sockets.add(client);
                sockets.add(broker);
                pipe(client, broker);
                pipe(broker, client);
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        start("broker-gate-pipe", () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException closed) {
                // one side went away; closing both ends below
            }
            closeQuietly(from);
            closeQuietly(to);
        });
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        sockets.forEach(TcpGate::closeQuietly);
        sockets.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ignored) {
            // already closed
        }
    }
}
