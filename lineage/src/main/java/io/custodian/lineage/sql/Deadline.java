package io.custodian.lineage.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;

/** The moment an analysis must stop; checked by the parser's input and by the tree walk. */
final class Deadline {
    private final long at;
    private final Duration limit;

    private Deadline(long at, Duration limit) {
        this.at = at;
        this.limit = limit;
    }

    static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos(), limit);
    }

    boolean passed() {
        return System.nanoTime() - at >= 0;
    }

    void check() {
        if (passed()) {
            throw new Exceeded(this);
        }
    }

    /** Why a statement was skipped when time ran out. */
    String reason() {
        return "the analysis time limit (" + limit.toMillis() + " ms) ran out";
    }

    /** {@code text} as a reader that fails once the deadline has passed: the parser reads lazily. */
    Reader reader(String text) {
        return new Reader() {
            private final StringReader delegate = new StringReader(text);

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                check();
                return delegate.read(buffer, offset, length);
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    /** Thrown where work stops for want of time; unchecked so it passes through the parser. */
    static final class Exceeded extends RuntimeException {
        private final transient Deadline deadline;

        Exceeded(Deadline deadline) {
            super(null, null, false, false);
            this.deadline = deadline;
        }

        String reason() {
            return deadline.reason();
        }

        /** The Exceeded somewhere in {@code e}'s causes (parsers wrap what their input throws). */
        static Exceeded in(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Exceeded exceeded) {
                    return exceeded;
                }
            }
            return null;
        }
    }
}
