package io.pulseloop.localstack.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server that accepts every message for every recipient and hands it to the {@link MailStore}: enough of
 * RFC 5321 for Jakarta Mail and other ordinary clients (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP,
 * QUIT; 8BITMIME and SMTPUTF8 announced; no TLS and no authentication, since it only listens on loopback).
 */
public final class SmtpCapture implements AutoCloseable {

    public static final int PORT = 1025;
    private static final int MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SmtpCapture.class);

    private final ServerSocket socket;
    private final MailStore store;
    private final ExecutorService connections;

    private SmtpCapture(ServerSocket socket, MailStore store) {
        this.socket = socket;
        this.store = store;
        this.connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "smtp-capture");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Listens on {@code localhost:port}. */
    public static SmtpCapture start(int port, MailStore store) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("localhost", port));
        SmtpCapture capture = new SmtpCapture(socket, store);
        Thread acceptor = new Thread(capture::accept, "smtp-capture-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return capture;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.execute(() -> converse(client));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("SMTP capture could not accept a connection", e);
                }
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            InputStream input = new BufferedInputStream(client.getInputStream());
            OutputStream output = client.getOutputStream();
            reply(output, "220 localhost Pulseloop SMTP capture ready");
            boolean sender = false;
            int recipients = 0;
            while (true) {
                byte[] line = readLine(input);
                if (line == null) {
                    return;
                }
                String command = new String(line, StandardCharsets.UTF_8).strip();
                String verb = (command.length() >= 4 ? command.substring(0, 4) : command).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(output, "250-localhost greets you\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n"
                            + "250-SIZE " + MAX_MESSAGE_BYTES + "\r\n250 PIPELINING");
                    case "HELO" -> reply(output, "250 localhost");
                    case "MAIL" -> {
                        sender = true;
                        recipients = 0;
                        reply(output, "250 2.1.0 OK");
                    }
                    case "RCPT" -> {
                        if (!sender) {
                            reply(output, "503 5.5.1 MAIL first");
                        } else {
                            recipients++;
                            reply(output, "250 2.1.5 OK");
                        }
                    }
                    case "DATA" -> {
                        if (recipients == 0) {
                            reply(output, "503 5.5.1 RCPT first");
                            continue;
                        }
                        reply(output, "354 End data with <CR><LF>.<CR><LF>");
                        byte[] message = readData(input);
                        if (message == null) {
                            reply(output, "552 5.3.4 Message too big");
                        } else {
                            CapturedMessage captured = store.add(message);
                            reply(output, "250 2.0.0 OK queued as " + captured.id());
                        }
                        sender = false;
                        recipients = 0;
                    }
                    case "RSET" -> {
                        sender = false;
                        recipients = 0;
                        reply(output, "250 2.0.0 OK");
                    }
                    case "NOOP" -> reply(output, "250 2.0.0 OK");
                    case "VRFY" -> reply(output, "252 2.5.0 Will accept anything");
                    case "QUIT" -> {
                        reply(output, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(output, "502 5.5.2 Command not implemented");
                }
            }
        } catch (SocketException e) {
            LOG.debug("SMTP client went away", e);
        } catch (IOException | RuntimeException e) {
            LOG.warn("SMTP conversation failed", e);
        }
    }

    /** Reads the message up to the lone dot, removing the dot-stuffing; {@code null} if it grows too big. */
    private static byte[] readData(InputStream input) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean tooBig = false;
        while (true) {
            byte[] line = readLine(input);
            if (line == null) {
                throw new IOException("connection closed during DATA");
            }
            if (line.length == 1 && line[0] == '.') {
                return tooBig ? null : message.toByteArray();
            }
            int start = line.length > 0 && line[0] == '.' ? 1 : 0;
            if (message.size() + line.length > MAX_MESSAGE_BYTES) {
                tooBig = true;
            }
            if (!tooBig) {
                message.write(line, start, line.length - start);
                message.write('\r');
                message.write('\n');
            }
        }
    }

    /** One line without its CRLF (or bare LF); {@code null} at the end of the stream. */
    private static byte[] readLine(InputStream input) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = input.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return java.util.Arrays.copyOf(bytes, length);
            }
            if (line.size() < MAX_LINE_BYTES) {
                line.write(b);
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void reply(OutputStream output, String reply) throws IOException {
        output.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the SMTP socket", e);
        }
        connections.shutdownNow();
    }
}
