package io.pulseloop.localstack.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The captured messages, each kept as {@code <received epoch millis>-<id>.eml} in one directory, so that the next start
 * finds them again. Read state lives only in memory.
 */
public final class MailStore {

    private static final String SUFFIX = ".eml";

    private final Path directory;
    private final Clock clock;
    /** Oldest first; guarded by {@code this}. */
    private final List<CapturedMessage> messages = new ArrayList<>();
    private final Set<String> read = new HashSet<>();

    private MailStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** Opens the directory and reads every message kept there. */
    public static MailStore open(Path directory, Clock clock) throws IOException {
        Files.createDirectories(directory);
        MailStore store = new MailStore(directory, clock);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                name = name.substring(0, name.length() - SUFFIX.length());
                int dash = name.indexOf('-');
                if (dash <= 0) {
                    continue;
                }
                Instant created = Instant.ofEpochMilli(Long.parseLong(name.substring(0, dash)));
                store.messages.add(CapturedMessage.parse(name.substring(dash + 1), created, Files.readAllBytes(file)));
            }
        }
        return store;
    }

    /** Writes the message to disk first (atomically), then shows it. */
    public CapturedMessage add(byte[] raw) {
        Instant created = clock.instant();
        String id = UUID.randomUUID().toString();
        Path file = directory.resolve(String.format("%013d-%s%s", created.toEpochMilli(), id, SUFFIX));
        try {
            Path temporary = directory.resolve(id + ".tmp");
            Files.write(temporary, raw);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CapturedMessage message = CapturedMessage.parse(id, created, raw);
        synchronized (this) {
            messages.add(message);
        }
        return message;
    }

    /** Newest first. */
    public synchronized List<CapturedMessage> newestFirst() {
        List<CapturedMessage> copy = new ArrayList<>(messages);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** Oldest first. */
    public synchronized List<CapturedMessage> oldestFirst() {
        return List.copyOf(messages);
    }

    /** The message with this id; {@code latest} names the newest, as in Mailpit. */
    public synchronized Optional<CapturedMessage> find(String id) {
        if ("latest".equals(id)) {
            return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1));
        }
        return messages.stream().filter(message -> message.id().equals(id)).findFirst();
    }

    public synchronized boolean isRead(String id) {
        return read.contains(id);
    }

    public synchronized void markRead(String id) {
        read.add(id);
    }

    public synchronized int unread() {
        return (int) messages.stream().filter(message -> !read.contains(message.id())).count();
    }

    /** Deletes the given messages, or all when {@code ids} is empty, from memory and disk. */
    public synchronized void delete(Collection<String> ids) {
        List<CapturedMessage> doomed = messages.stream().filter(m -> ids.isEmpty() || ids.contains(m.id())).toList();
        for (CapturedMessage message : doomed) {
            try {
                Files.deleteIfExists(directory.resolve(
                        String.format("%013d-%s%s", message.created().toEpochMilli(), message.id(), SUFFIX)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            messages.remove(message);
            read.remove(message.id());
        }
    }
}
