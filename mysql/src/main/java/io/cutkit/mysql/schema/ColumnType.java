package io.cutkit.mysql.schema;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as MySQL and MariaDB spell it in {@code information_schema.COLUMNS.COLUMN_TYPE}
 * ({@code varchar(64)}, {@code int(11) unsigned}, {@code decimal(10,2)}, {@code mediumtext}), with
 * the character set of text columns. Parsing is cheap and pure.
 *
 * @param dataType base type in lower case, e.g. {@code varchar}
 * @param length declared length ({@code CHAR}/{@code VARCHAR} in characters, {@code BINARY}/{@code
 *     VARBINARY} in bytes, {@code DECIMAL} precision), or -1 when the type has none
 * @param scale {@code DECIMAL} scale, else 0
 * @param unsigned whether an integer or decimal type is {@code UNSIGNED}
 * @param characterSet the text column's character set ({@code utf8} is read as {@code utf8mb3}),
 *     empty when not given or not a text type
 */
public record ColumnType(String dataType, long length, int scale, boolean unsigned, Optional<String> characterSet) {

    private static final Pattern SHAPE = Pattern.compile(
            "\\s*([a-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(.*)", Pattern.DOTALL);
    private static final Pattern CHARSET = Pattern.compile(
            "(?:character\\s+set|charset)\\s+`?([a-z0-9_]+)`?");

    public ColumnType {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(characterSet, "characterSet");
        characterSet = characterSet.map(ColumnType::normalizeCharset);
    }

    /**
     * Parses a type such as {@code VARCHAR(32)}, {@code int unsigned} or
     * {@code varchar(32) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin}.
     *
     * @throws IllegalArgumentException when the text does not start with a type name
     */
    public static ColumnType parse(String columnType) {
        return parse(columnType, null);
    }

    /** Parses {@code columnType} with {@code characterSet} (may be null) as reported beside it. */
    public static ColumnType parse(String columnType, String characterSet) {
        Objects.requireNonNull(columnType, "columnType");
        String lower = columnType.toLowerCase(Locale.ROOT);
        Matcher shape = SHAPE.matcher(lower);
        if (!shape.matches()) {
            throw new IllegalArgumentException("Not a column type: '" + columnType
                    + "'; expected something like VARCHAR(32), INT UNSIGNED or DECIMAL(10,2)");
        }
        String rest = shape.group(4);
        String charset = characterSet;
        Matcher declared = CHARSET.matcher(rest);
        if (charset == null && declared.find()) {
            charset = declared.group(1);
        }
        String base = shape.group(1);
        long length = shape.group(2) == null ? -1 : Long.parseLong(shape.group(2));
        int scale = shape.group(3) == null ? 0 : Integer.parseInt(shape.group(3));
        if (base.equals("decimal") || base.equals("numeric")) {
            base = "decimal";
            length = length < 0 ? 10 : length;
        } else if (integerBits(base) > 0) {
            length = -1;
        }
        return new ColumnType(base, length, scale, rest.matches("(?s).*\\bunsigned\\b.*"),
                Optional.ofNullable(charset).filter(name -> !name.isBlank()));
    }

    /** The same type without a character set, for comparing types where one side does not say it. */
    ColumnType withoutCharset() {
        return new ColumnType(dataType, length, scale, unsigned, Optional.empty());
    }

    boolean isCharacterCounted() {
        return dataType.equals("char") || dataType.equals("varchar");
    }

    boolean isText() {
        return isCharacterCounted() || dataType.endsWith("text");
    }

    boolean isBinary() {
        return dataType.equals("binary") || dataType.equals("varbinary") || dataType.endsWith("blob");
    }

    boolean isInteger() {
        return integerBits(dataType) > 0;
    }

    boolean isDecimal() {
        return dataType.equals("decimal");
    }

    /** Capacity in bytes of a TEXT/BLOB type, or of BINARY/VARBINARY; -1 for others. */
    long byteCapacity() {
        return switch (dataType) {
            case "tinytext", "tinyblob" -> 255L;
            case "text", "blob" -> 65_535L;
            case "mediumtext", "mediumblob" -> 16_777_215L;
            case "longtext", "longblob" -> 4_294_967_295L;
            case "binary", "varbinary" -> length;
            default -> -1L;
        };
    }

    /**
     * The most characters a value can hold: the declared length for CHAR/VARCHAR, the byte capacity
     * for TEXT types (single-byte characters are the worst case for a narrowing check).
     */
    long characterCapacity() {
        return isCharacterCounted() ? length : byteCapacity();
    }

    /** Smallest value of an integer type. */
    BigInteger minimum() {
        return unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(integerBits(dataType) - 1).negate();
    }

    /** Largest value of an integer type. */
    BigInteger maximum() {
        int bits = integerBits(dataType);
        return (unsigned ? BigInteger.ONE.shiftLeft(bits) : BigInteger.ONE.shiftLeft(bits - 1))
                .subtract(BigInteger.ONE);
    }

    private static int integerBits(String type) {
        return switch (type) {
            case "tinyint" -> 8;
            case "smallint" -> 16;
            case "mediumint" -> 24;
            case "int", "integer" -> 32;
            case "bigint" -> 64;
            default -> 0;
        };
    }

    private static String normalizeCharset(String charset) {
        String lower = charset.toLowerCase(Locale.ROOT);
        return lower.equals("utf8") ? "utf8mb3" : lower;
    }

    /** Readable form, e.g. {@code varchar(64) utf8mb4} or {@code int unsigned}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(dataType);
        if (length >= 0) {
            text.append('(').append(length);
            if (isDecimal()) {
                text.append(',').append(scale);
            }
            text.append(')');
        }
        if (unsigned) {
            text.append(" unsigned");
        }
        characterSet.ifPresent(charset -> text.append(" ").append(charset));
        return text.toString();
    }
}
