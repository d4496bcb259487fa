package io.custodian.lineage.sql;

import org.apache.calcite.sql.parser.SqlParserPos;

/** A statement the analyser cannot read, with the position (in the parsed text) it failed at. */
final class AnalysisException extends RuntimeException {
    private final transient SqlParserPos pos;

    AnalysisException(String message, SqlParserPos pos) {
        super(message, null, false, false);
        this.pos = pos == null ? SqlParserPos.ZERO : pos;
    }

    SqlParserPos pos() {
        return pos;
    }
}
