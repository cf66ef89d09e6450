package dev.lanyard.services.iam;

import dev.lanyard.services.iam.QrCode.ErrorCorrection;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QrCodeTest
{
    private record Vector(String text, int version, ErrorCorrection level, int mask, List<String> rows) {}

    @Test
    void matchesReferenceMatrices()
            throws IOException
    {
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSize(8);
        for (Vector vector : vectors) {
            QrCode code = QrCode.encode(vector.text().getBytes(StandardCharsets.UTF_8), vector.level(), vector.version(), vector.mask());
            assertThat(render(code)).as("version %s level %s mask %s", vector.version(), vector.level(), vector.mask()).isEqualTo(vector.rows());
        }
    }

    @Test
    void capacitiesOfTheStandard()
    {
        // Data codewords (ISO/IEC 18004 table 7)
        assertThat(QrCode.dataCodewords(1, ErrorCorrection.MEDIUM)).isEqualTo(16);
        assertThat(QrCode.dataCodewords(1, ErrorCorrection.LOW)).isEqualTo(19);
        assertThat(QrCode.dataCodewords(10, ErrorCorrection.MEDIUM)).isEqualTo(216);
        assertThat(QrCode.dataCodewords(10, ErrorCorrection.LOW)).isEqualTo(274);
        assertThat(QrCode.dataCodewords(40, ErrorCorrection.MEDIUM)).isEqualTo(2334);
        assertThat(QrCode.dataCodewords(40, ErrorCorrection.LOW)).isEqualTo(2956);
    }

    @Test
    void choosesTheSmallestVersion()
    {
        assertThat(QrCode.encode(new byte[14], ErrorCorrection.MEDIUM).version()).isEqualTo(1);
        assertThat(QrCode.encode(new byte[15], ErrorCorrection.MEDIUM).version()).isEqualTo(2);
        QrCode code = QrCode.encode(new byte[100], ErrorCorrection.MEDIUM);
        assertThat(code.version()).isEqualTo(6);
        assertThat(code.size()).isEqualTo(41);
        assertThat(code.mask()).isBetween(0, 7);
        assertThatThrownBy(() -> QrCode.encode(new byte[2400], ErrorCorrection.MEDIUM)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pngHasValidChunksAndThePixels()
            throws Exception
    {
        QrCode code = QrCode.encode("hello".getBytes(StandardCharsets.UTF_8), ErrorCorrection.MEDIUM, 1, 2);
        byte[] png = QrCodePng.render(code, 2, 4);
        assertThat(Arrays.copyOf(png, 8)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer buffer = ByteBuffer.wrap(png, 8, png.length - 8);
        List<String> types = new ArrayList<>();
        byte[] idat = null;
        int width = 0;
        while (buffer.hasRemaining()) {
            int length = buffer.getInt();
            byte[] type = new byte[4];
            buffer.get(type);
            byte[] data = new byte[length];
            buffer.get(data);
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data);
            assertThat(buffer.getInt()).isEqualTo((int) crc.getValue());
            String name = new String(type, StandardCharsets.US_ASCII);
            types.add(name);
            if (name.equals("IHDR")) {
                width = ByteBuffer.wrap(data).getInt();
                assertThat(ByteBuffer.wrap(data).getInt(4)).isEqualTo(width);
            }
            if (name.equals("IDAT")) {
                idat = data;
            }
        }
        assertThat(types).containsExactly("IHDR", "IDAT", "IEND");
        assertThat(width).isEqualTo((21 + 8) * 2);
        Inflater inflater = new Inflater();
        inflater.setInput(idat);
        byte[] raw = new byte[(width + 1) * width];
        assertThat(inflater.inflate(raw)).isEqualTo(raw.length);
        // pixel (x, y) of the image is raw[y * (width + 1) + 1 + x]; the top-left finder's corner module is dark
        assertThat(raw[(4 * 2) * (width + 1) + 1 + 4 * 2]).isEqualTo((byte) 0);
        assertThat(raw[1]).isEqualTo((byte) 0xff);
    }

    @Test
    void pngIsReadByImageIo()
            throws IOException
    {
        QrCode code = QrCode.encode("otpauth://totp/Lanyard:bob@123456789012?secret=JBSWY3DPEHPK3PXP&issuer=Lanyard".getBytes(StandardCharsets.UTF_8), ErrorCorrection.MEDIUM);
        int scale = 3;
        int border = 4;
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodePng.render(code, scale, border)));
        assertThat(image.getWidth()).isEqualTo((code.size() + 2 * border) * scale);
        assertThat(image.getHeight()).isEqualTo(image.getWidth());
        for (int y = 0; y < code.size(); y++) {
            for (int x = 0; x < code.size(); x++) {
                int gray = image.getRaster().getSample((x + border) * scale + 1, (y + border) * scale + 1, 0);
                assertThat(gray).as("module %s,%s", x, y).isEqualTo(code.module(x, y) ? 0 : 255);
            }
        }
    }

    private static List<String> render(QrCode code)
    {
        List<String> rows = new ArrayList<>();
        for (int y = 0; y < code.size(); y++) {
            StringBuilder row = new StringBuilder();
            for (int x = 0; x < code.size(); x++) {
                row.append(code.module(x, y) ? '#' : '.');
            }
            rows.add(row.toString());
        }
        return rows;
    }

    private static List<Vector> vectors()
            throws IOException
    {
        String text;
        try (InputStream input = QrCodeTest.class.getResourceAsStream("qr-reference-vectors.txt")) {
            text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Vector> vectors = new ArrayList<>();
        String[] header = null;
        List<String> rows = new ArrayList<>();
        for (String line : (text + "\n").split("\n", -1)) {
            if (line.startsWith("#") && header == null && line.contains(" ")) {
                continue;
            }
            if (header == null) {
                if (!line.isEmpty()) {
                    header = line.split("\t");
                }
                continue;
            }
            if (line.isEmpty()) {
                vectors.add(new Vector(header[0], Integer.parseInt(header[1]), header[2].equals("L") ? ErrorCorrection.LOW : ErrorCorrection.MEDIUM, Integer.parseInt(header[3]), List.copyOf(rows)));
                header = null;
                rows.clear();
                continue;
            }
            rows.add(line);
        }
        return vectors;
    }
}
