package io.custodian.lineage.sql.dialect;

import java.io.Reader;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.babel.ParseException;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;

/**
 * Calcite's Babel parser, failing cheaply. On a syntax error the generated parser lists every
 * token it could have accepted, re-running its lookaheads to find them; over Babel's grammar that
 * costs far more than the parse itself (docs/benchmarks.md). Lineage reports where a statement
 * failed and what was found there, never the expected tokens, so the list is not built.
 */
public final class FastFailingBabelParser extends SqlBabelParserImpl {
    /** Creates these parsers, for {@link org.apache.calcite.sql.parser.SqlParser.Config#withParserFactory}. */
    public static final SqlParserImplFactory FACTORY = FastFailingBabelParser::new;

    /** Stands in for the expected tokens, so the message still names the token found. */
    private static final int[][] ANY = {{0}};

    private FastFailingBabelParser(Reader reader) {
        super(reader);
    }

    @Override
    public ParseException generateParseException() {
        return new ParseException(token, ANY, tokenImage);
    }
}
