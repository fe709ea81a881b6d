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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    /**
     * The same messages by id, so that reading one message does not scan them all: a benchmark reads tens of
     * thousands one by one. Guarded by {@code this}.
     */
    private final Map<String, CapturedMessage> byId = new HashMap<>();
    /** Ids of messages read; only ids of messages still kept. Guarded by {@code this}. */
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
                store.keep(CapturedMessage.parse(name.substring(dash + 1), created, Files.readAllBytes(file)));
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
        keep(message);
        return message;
    }

    private synchronized void keep(CapturedMessage message) {
        messages.add(message);
        byId.put(message.id(), message);
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
        return Optional.ofNullable(byId.get(id));
    }

    public synchronized boolean isRead(String id) {
        return read.contains(id);
    }

    public synchronized void markRead(String id) {
        if (byId.containsKey(id)) {
            read.add(id);
        }
    }

    public synchronized int unread() {
        return messages.size() - read.size();
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
            byId.remove(message.id());
            read.remove(message.id());
        }
        Set<String> gone = new HashSet<>();
        doomed.forEach(message -> gone.add(message.id()));
        messages.removeIf(message -> gone.contains(message.id()));
    }

    /** How many messages are kept. */
    public synchronized int size() {
        return messages.size();
    }

    /** Up to {@code limit} messages, newest first, skipping the {@code start} newest: one page without a full copy. */
    public synchronized List<CapturedMessage> newestFirst(int start, int limit) {
        List<CapturedMessage> page = new ArrayList<>(Math.min(limit, Math.max(0, messages.size() - start)));
        for (int index = messages.size() - 1 - start; index >= 0 && page.size() < limit; index--) {
            page.add(messages.get(index));
        }
        return page;
    }
}
