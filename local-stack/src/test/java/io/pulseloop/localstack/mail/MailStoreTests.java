package io.pulseloop.localstack.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailStoreTests {

    @TempDir
    Path directory;

    @Test
    void pagesNewestFirstWithoutRunningPastEitherEnd() throws IOException {
        MailStore store = storeWith(5);

        assertThat(subjects(store.newestFirst(0, 2))).containsExactly("message 4", "message 3");
        assertThat(subjects(store.newestFirst(3, 10))).containsExactly("message 1", "message 0");
        assertThat(store.newestFirst(5, 10)).isEmpty();
        assertThat(subjects(store.newestFirst(0, 10))).isEqualTo(subjects(store.newestFirst()));
    }

    @Test
    void findsByIdAndCountsUnreadAcrossReadsAndDeletes() throws IOException {
        MailStore store = storeWith(4);
        List<CapturedMessage> oldestFirst = store.oldestFirst();
        String first = oldestFirst.get(0).id();
        String second = oldestFirst.get(1).id();

        store.markRead(first);
        store.markRead(first);
        store.markRead("no-such-message");
        assertThat(store.unread()).isEqualTo(3);

        store.delete(Set.of(first, oldestFirst.get(2).id()));

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.unread()).isEqualTo(2);
        assertThat(store.find(first)).isEmpty();
        assertThat(store.find(second)).get().extracting(CapturedMessage::subject).isEqualTo("message 1");
        assertThat(subjects(store.newestFirst(0, 10))).containsExactly("message 3", "message 1");
    }

    @Test
    void reopeningFindsEveryMessageByIdAgain() throws IOException {
        MailStore store = storeWith(3);
        String middle = store.oldestFirst().get(1).id();

        MailStore reopened = MailStore.open(directory, Clock.systemUTC());

        assertThat(reopened.size()).isEqualTo(3);
        assertThat(reopened.find(middle)).get().extracting(CapturedMessage::subject).isEqualTo("message 1");
    }

    private MailStore storeWith(int count) throws IOException {
        MailStore store = MailStore.open(directory, Clock.systemUTC());
        for (int index = 0; index < count; index++) {
            store.add(("From: a@example.com\r\nTo: b@example.com\r\nSubject: message " + index
                    + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nbody " + index + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return store;
    }

    private static List<String> subjects(List<CapturedMessage> messages) {
        return messages.stream().map(CapturedMessage::subject).toList();
    }
}
