package io.custodian.scanner.file;

/**
 * A file the scanner cannot read as a table, with what is wrong and where (the file, and the line
 * when it is known). The message never quotes the file's content: it may be personal data.
 */
public final class FileFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FileFormatException(String message) {
        super(message);
    }

    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
