package io.custodian.scanner.file;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Counts lines as they are read and refuses a line longer than a limit, so a file with no line
 * breaks (a minified dump, a binary) cannot make the scanner buffer it whole.
 */
final class LineLimitedReader extends FilterReader {
    private final String file;
    private final int maxLineChars;
    private int line = 1;
    private int lineLength;

    LineLimitedReader(Reader in, String file, int maxLineChars) {
        super(in);
        this.file = file;
        this.maxLineChars = maxLineChars;
    }

    /** The 1-based line the reader is on. */
    int line() {
        return line;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i]);
        }
        return n;
    }

    private void count(char c) {
        if (c == '\n') {
            line++;
            lineLength = 0;
        } else if (++lineLength > maxLineChars) {
            throw new FileFormatException(file + ", line " + line + ": longer than " + maxLineChars
                    + " characters; not a line-oriented text file, or a line the scanner will not buffer");
        }
    }
}
