package io.pulseloop.survey.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Quoted-printable encoding of a text body (RFC 2045 §6.7) in one pass over its bytes: line breaks ({@code \n} or
 * {@code \r\n}) become CRLF hard breaks, lines are soft-broken ({@code =CRLF}) to at most 76 characters, and a
 * space or tab before a break is encoded so relays cannot strip it. The result is 7-bit ASCII, safe for any relay.
 */
final class QuotedPrintable {

    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private QuotedPrintable() {
    }

    static byte[] encode(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 8 + 16);
        int column = 0;
        for (int i = 0; i < content.length; i++) {
            int b = content[i] & 0xFF;
            if (b == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
                continue;
            }
            if (b == '\n') {
                out.write('\r');
                out.write('\n');
                column = 0;
                continue;
            }
            boolean beforeBreak = i + 1 == content.length || content[i + 1] == '\n'
                    || (content[i + 1] == '\r' && i + 2 < content.length && content[i + 2] == '\n');
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !beforeBreak);
            int width = literal ? 1 : 3;
            // keep room for the soft break's "=" unless this is the last character of the line
            if (column + width > MAX_LINE - (beforeBreak ? 0 : 1)) {
                out.write('=');
                out.write('\r');
                out.write('\n');
                column = 0;
            }
            if (literal) {
                out.write(b);
            }
            else {
                out.write('=');
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 0x0F]);
            }
            column += width;
        }
        return out.toByteArray();
    }
}
