package io.pulseloop.survey.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

class QuotedPrintableTests {

    @Test
    void decodesBackToTheTextWithHardLineBreaksAsCrlf() throws Exception {
        String text = "Dobrý den,\n\nJak pravděpodobné je, že nás doporučíte? = 100 %\ttab \n"
                + "a".repeat(200) + " konec\r\nZażółć gęślą jaźń.   \n<a href=\"https://feedback.example/s/TOKEN?score=10\">10</a>";
        byte[] encoded = QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8));
        assertThat(decode(encoded)).isEqualTo(text.replace("\r\n", "\n").replace("\n", "\r\n"));
    }

    @Test
    void writesSevenBitLinesOfAtMostSeventySixCharactersWithoutTrailingBlanks() {
        String text = "ž".repeat(100) + " \n" + "x".repeat(300) + "\t\n" + "=".repeat(80);
        String encoded = new String(QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.US_ASCII);
        assertThat(encoded.chars()).allMatch(c -> c < 128);
        for (String line : encoded.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
            assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t");
        }
    }

    private static String decode(byte[] encoded) throws MessagingException, IOException {
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
