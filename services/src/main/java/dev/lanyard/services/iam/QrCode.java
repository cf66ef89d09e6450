package dev.lanyard.services.iam;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A QR code (ISO/IEC 18004) for a byte string: byte mode, error correction L or M, versions 1 to 40, Reed-Solomon over
 * GF(256) and the mask with the lowest penalty. Written here because the virtual MFA device's QRCodePNG is the only
 * QR code Lanyard makes and a dependency for it would be larger than this class.
 */
public final class QrCode
{
    public enum ErrorCorrection
    {
        LOW(1),
        MEDIUM(0);

        private final int formatBits;

        ErrorCorrection(int formatBits)
        {
            this.formatBits = formatBits;
        }
    }

    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 40;

    // Indexed [errorCorrection.ordinal()][version]; the tables of the standard (Table 9) for levels L and M.
    private static final int[][] ECC_CODEWORDS_PER_BLOCK = {
            {-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
            {-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
    };
    private static final int[][] ERROR_CORRECTION_BLOCKS = {
            {-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
            {-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
    };

    private final int version;
    private final int size;
    private final ErrorCorrection errorCorrection;
    private final int mask;
    private final boolean[][] modules; // [y][x], true = dark
    private final boolean[][] function;

    /** The smallest version that holds {@code data} at {@code errorCorrection}, with the best mask. */
    public static QrCode encode(byte[] data, ErrorCorrection errorCorrection)
    {
        requireNonNull(data, "data is null");
        requireNonNull(errorCorrection, "errorCorrection is null");
        for (int version = MIN_VERSION; version <= MAX_VERSION; version++) {
            if (dataBits(data.length, version) <= dataCodewords(version, errorCorrection) * 8) {
                return encode(data, errorCorrection, version, -1);
            }
        }
        throw new IllegalArgumentException("Data too long for a QR code: " + data.length + " bytes");
    }

    /** A given version and mask (0-7, or -1 for the one with the lowest penalty); for tests against reference encoders. */
    static QrCode encode(byte[] data, ErrorCorrection errorCorrection, int version, int mask)
    {
        if (version < MIN_VERSION || version > MAX_VERSION || mask < -1 || mask > 7) {
            throw new IllegalArgumentException("version or mask out of range");
        }
        int capacityBits = dataCodewords(version, errorCorrection) * 8;
        int usedBits = dataBits(data.length, version);
        if (usedBits > capacityBits) {
            throw new IllegalArgumentException("Data too long for version " + version);
        }
        BitBuffer bits = new BitBuffer();
        bits.append(0b0100, 4);
        bits.append(data.length, version <= 9 ? 8 : 16);
        for (byte value : data) {
            bits.append(value & 0xff, 8);
        }
        bits.append(0, Math.min(4, capacityBits - bits.length()));
        bits.append(0, (8 - bits.length() % 8) % 8);
        for (int pad = 0xec; bits.length() < capacityBits; pad ^= 0xec ^ 0x11) {
            bits.append(pad, 8);
        }
        return new QrCode(version, errorCorrection, interleaveWithErrorCorrection(bits.toBytes(), version, errorCorrection), mask);
    }

    private QrCode(int version, ErrorCorrection errorCorrection, byte[] codewords, int requestedMask)
    {
        this.version = version;
        this.size = version * 4 + 17;
        this.errorCorrection = errorCorrection;
        this.modules = new boolean[size][size];
        this.function = new boolean[size][size];
        drawFunctionPatterns();
        drawCodewords(codewords);
        int chosen = requestedMask;
        if (chosen == -1) {
            int lowest = Integer.MAX_VALUE;
            for (int candidate = 0; candidate < 8; candidate++) {
                applyMask(candidate);
                drawFormatBits(candidate);
                int penalty = penalty();
                if (penalty < lowest) {
                    lowest = penalty;
                    chosen = candidate;
                }
                applyMask(candidate); // masking is its own inverse
            }
        }
        this.mask = chosen;
        applyMask(chosen);
        drawFormatBits(chosen);
    }

    public int version()
    {
        return version;
    }

    public int size()
    {
        return size;
    }

    public ErrorCorrection errorCorrection()
    {
        return errorCorrection;
    }

    public int mask()
    {
        return mask;
    }

    /** Whether the module in column {@code x} and row {@code y} is dark. */
    public boolean module(int x, int y)
    {
        return modules[y][x];
    }

    static int dataCodewords(int version, ErrorCorrection errorCorrection)
    {
        return rawDataModules(version) / 8
                - ECC_CODEWORDS_PER_BLOCK[errorCorrection.ordinal()][version] * ERROR_CORRECTION_BLOCKS[errorCorrection.ordinal()][version];
    }

    private static int dataBits(int byteCount, int version)
    {
        return 4 + (version <= 9 ? 8 : 16) + byteCount * 8;
    }

    /** Modules left for data and error correction once the function patterns are drawn, remainder bits included. */
    private static int rawDataModules(int version)
    {
        int result = (16 * version + 128) * version + 64;
        if (version >= 2) {
            int alignments = version / 7 + 2;
            result -= (25 * alignments - 10) * alignments - 55;
            if (version >= 7) {
                result -= 36;
            }
        }
        return result;
    }

    private static byte[] interleaveWithErrorCorrection(byte[] data, int version, ErrorCorrection errorCorrection)
    {
        int blockCount = ERROR_CORRECTION_BLOCKS[errorCorrection.ordinal()][version];
        int eccLength = ECC_CODEWORDS_PER_BLOCK[errorCorrection.ordinal()][version];
        int rawCodewords = rawDataModules(version) / 8;
        int shortBlocks = blockCount - rawCodewords % blockCount;
        int shortBlockLength = rawCodewords / blockCount;

        byte[] divisor = reedSolomonDivisor(eccLength);
        byte[][] blocks = new byte[blockCount][];
        for (int index = 0, offset = 0; index < blockCount; index++) {
            int dataLength = shortBlockLength - eccLength + (index < shortBlocks ? 0 : 1);
            byte[] blockData = Arrays.copyOfRange(data, offset, offset + dataLength);
            offset += dataLength;
            byte[] ecc = reedSolomonRemainder(blockData, divisor);
            // Short blocks get a placeholder byte so every block has the same length; it is skipped when interleaving.
            byte[] block = Arrays.copyOf(blockData, shortBlockLength + 1);
            System.arraycopy(ecc, 0, block, block.length - eccLength, eccLength);
            blocks[index] = block;
        }
        byte[] result = new byte[rawCodewords];
        int position = 0;
        for (int column = 0; column < blocks[0].length; column++) {
            for (int index = 0; index < blockCount; index++) {
                if (column != shortBlockLength - eccLength || index >= shortBlocks) {
                    result[position++] = blocks[index][column];
                }
            }
        }
        return result;
    }

    private static byte[] reedSolomonDivisor(int degree)
    {
        byte[] result = new byte[degree];
        result[degree - 1] = 1;
        int root = 1;
        for (int term = 0; term < degree; term++) {
            for (int index = 0; index < degree; index++) {
                result[index] = (byte) multiply(result[index] & 0xff, root);
                if (index + 1 < degree) {
                    result[index] ^= result[index + 1];
                }
            }
            root = multiply(root, 0x02);
        }
        return result;
    }

    private static byte[] reedSolomonRemainder(byte[] data, byte[] divisor)
    {
        byte[] result = new byte[divisor.length];
        for (byte value : data) {
            int factor = (value ^ result[0]) & 0xff;
            System.arraycopy(result, 1, result, 0, result.length - 1);
            result[result.length - 1] = 0;
            for (int index = 0; index < result.length; index++) {
                result[index] ^= (byte) multiply(divisor[index] & 0xff, factor);
            }
        }
        return result;
    }

    /** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1. */
    private static int multiply(int x, int y)
    {
        int product = 0;
        for (int bit = 7; bit >= 0; bit--) {
            product = (product << 1) ^ ((product >>> 7) * 0x11d);
            product ^= ((y >>> bit) & 1) * x;
        }
        return product;
    }

    private void drawFunctionPatterns()
    {
        for (int index = 0; index < size; index++) {
            setFunction(6, index, index % 2 == 0);
            setFunction(index, 6, index % 2 == 0);
        }
        drawFinder(3, 3);
        drawFinder(size - 4, 3);
        drawFinder(3, size - 4);
        int[] positions = alignmentPositions();
        int last = positions.length - 1;
        for (int row = 0; row <= last; row++) {
            for (int column = 0; column <= last; column++) {
                boolean overlapsFinder = (row == 0 && column == 0) || (row == 0 && column == last) || (row == last && column == 0);
                if (!overlapsFinder) {
                    drawAlignment(positions[column], positions[row]);
                }
            }
        }
        drawFormatBits(0); // reserves the area; the real bits come after masking
        drawVersionBits();
    }

    private int[] alignmentPositions()
    {
        if (version == 1) {
            return new int[0];
        }
        int count = version / 7 + 2;
        int step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
        int[] result = new int[count];
        result[0] = 6;
        for (int index = count - 1, position = size - 7; index >= 1; index--, position -= step) {
            result[index] = position;
        }
        return result;
    }

    private void drawFinder(int centerX, int centerY)
    {
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                int distance = Math.max(Math.abs(dx), Math.abs(dy));
                int x = centerX + dx;
                int y = centerY + dy;
                if (x >= 0 && x < size && y >= 0 && y < size) {
                    setFunction(x, y, distance != 2 && distance != 4);
                }
            }
        }
    }

    private void drawAlignment(int centerX, int centerY)
    {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                setFunction(centerX + dx, centerY + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
            }
        }
    }

    private void drawFormatBits(int maskPattern)
    {
        int data = errorCorrection.formatBits << 3 | maskPattern;
        int remainder = data;
        for (int index = 0; index < 10; index++) {
            remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
        }
        int bits = (data << 10 | remainder) ^ 0x5412;

        for (int index = 0; index <= 5; index++) {
            setFunction(8, index, bit(bits, index));
        }
        setFunction(8, 7, bit(bits, 6));
        setFunction(8, 8, bit(bits, 7));
        setFunction(7, 8, bit(bits, 8));
        for (int index = 9; index < 15; index++) {
            setFunction(14 - index, 8, bit(bits, index));
        }
        for (int index = 0; index < 8; index++) {
            setFunction(size - 1 - index, 8, bit(bits, index));
        }
        for (int index = 8; index < 15; index++) {
            setFunction(8, size - 15 + index, bit(bits, index));
        }
        setFunction(8, size - 8, true); // the dark module
    }

    private void drawVersionBits()
    {
        if (version < 7) {
            return;
        }
        int remainder = version;
        for (int index = 0; index < 12; index++) {
            remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
        }
        int bits = version << 12 | remainder;
        for (int index = 0; index < 18; index++) {
            boolean dark = bit(bits, index);
            int a = size - 11 + index % 3;
            int b = index / 3;
            setFunction(a, b, dark);
            setFunction(b, a, dark);
        }
    }

    private void drawCodewords(byte[] codewords)
    {
        int bitIndex = 0;
        for (int right = size - 1; right >= 1; right -= 2) {
            if (right == 6) {
                right = 5; // the vertical timing pattern takes column 6
            }
            for (int vertical = 0; vertical < size; vertical++) {
                for (int offset = 0; offset < 2; offset++) {
                    int x = right - offset;
                    boolean upward = ((right + 1) & 2) == 0;
                    int y = upward ? size - 1 - vertical : vertical;
                    if (!function[y][x] && bitIndex < codewords.length * 8) {
                        modules[y][x] = bit(codewords[bitIndex >>> 3], 7 - (bitIndex & 7));
                        bitIndex++;
                    }
                }
            }
        }
    }

    private void applyMask(int maskPattern)
    {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean invert = switch (maskPattern) {
                    case 0 -> (x + y) % 2 == 0;
                    case 1 -> y % 2 == 0;
                    case 2 -> x % 3 == 0;
                    case 3 -> (x + y) % 3 == 0;
                    case 4 -> (x / 3 + y / 2) % 2 == 0;
                    case 5 -> x * y % 2 + x * y % 3 == 0;
                    case 6 -> (x * y % 2 + x * y % 3) % 2 == 0;
                    case 7 -> ((x + y) % 2 + x * y % 3) % 2 == 0;
                    default -> throw new IllegalArgumentException("mask " + maskPattern);
                };
                if (invert && !function[y][x]) {
                    modules[y][x] = !modules[y][x];
                }
            }
        }
    }

    /** The standard's penalty rules N1 (runs), N2 (2×2 blocks), N3 (finder-like patterns) and N4 (dark balance). */
    private int penalty()
    {
        int result = 0;
        for (int line = 0; line < size; line++) {
            result += linePenalty(line, true) + linePenalty(line, false);
        }
        int dark = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (modules[y][x]) {
                    dark++;
                }
                if (x + 1 < size && y + 1 < size) {
                    boolean color = modules[y][x];
                    if (color == modules[y][x + 1] && color == modules[y + 1][x] && color == modules[y + 1][x + 1]) {
                        result += 3;
                    }
                }
            }
        }
        int total = size * size;
        int deviation = (Math.abs(dark * 20 - total * 10) + total - 1) / total - 1;
        return result + Math.max(0, deviation) * 10;
    }

    private int linePenalty(int line, boolean row)
    {
        int result = 0;
        int run = 0;
        boolean runColor = false;
        for (int index = 0; index < size; index++) {
            boolean color = row ? modules[line][index] : modules[index][line];
            if (index > 0 && color == runColor) {
                run++;
                if (run == 5) {
                    result += 3;
                }
                else if (run > 5) {
                    result++;
                }
            }
            else {
                runColor = color;
                run = 1;
            }
        }
        // dark-light-dark-dark-dark-light-dark with four light modules (or the border) on one side
        for (int index = -4; index + 10 < size + 4; index++) {
            if (finderLike(line, row, index)) {
                result += 40;
            }
        }
        return result;
    }

    private boolean finderLike(int line, boolean row, int start)
    {
        boolean[] core = {true, false, true, true, true, false, true};
        for (int offset = 0; offset < 7; offset++) {
            if (at(line, row, start + 4 + offset) != core[offset]) {
                return false;
            }
        }
        boolean lightBefore = true;
        boolean lightAfter = true;
        for (int offset = 0; offset < 4; offset++) {
            lightBefore &= !at(line, row, start + offset);
            lightAfter &= !at(line, row, start + 11 + offset);
        }
        return lightBefore || lightAfter;
    }

    private boolean at(int line, boolean row, int index)
    {
        if (index < 0 || index >= size) {
            return false;
        }
        return row ? modules[line][index] : modules[index][line];
    }

    private void setFunction(int x, int y, boolean dark)
    {
        modules[y][x] = dark;
        function[y][x] = true;
    }

    private static boolean bit(int value, int index)
    {
        return ((value >>> index) & 1) != 0;
    }

    private static final class BitBuffer
    {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int current;
        private int length;

        void append(int value, int count)
        {
            for (int index = count - 1; index >= 0; index--) {
                current = (current << 1) | ((value >>> index) & 1);
                length++;
                if (length % 8 == 0) {
                    bytes.write(current);
                    current = 0;
                }
            }
        }

        int length()
        {
            return length;
        }

        byte[] toBytes()
        {
            return bytes.toByteArray(); // callers pad to whole bytes first
        }
    }
}
