package dev.lanyard.services.iam;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** A QR code as a PNG image (8-bit grayscale), written directly: the PNG format needs only zlib and CRC-32. */
public final class QrCodePng
{
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private QrCodePng() {}

    /**
     * @param scale pixels per module
     * @param border light modules around the code (the standard asks for 4)
     */
    public static byte[] render(QrCode code, int scale, int border)
    {
        int modules = code.size() + 2 * border;
        int pixels = modules * scale;
        byte[] raw = new byte[(pixels + 1) * pixels];
        int position = 0;
        for (int y = 0; y < pixels; y++) {
            raw[position++] = 0; // filter type None
            int moduleY = y / scale - border;
            for (int x = 0; x < pixels; x++) {
                int moduleX = x / scale - border;
                boolean dark = moduleX >= 0 && moduleY >= 0 && moduleX < code.size() && moduleY < code.size() && code.module(moduleX, moduleY);
                raw[position++] = (byte) (dark ? 0x00 : 0xff);
            }
        }

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(pixels).putInt(pixels)
                .put((byte) 8) // bit depth
                .put((byte) 0) // color type: grayscale
                .put((byte) 0) // compression: deflate
                .put((byte) 0) // filter method
                .put((byte) 0); // no interlace
        writeChunk(png, "IHDR", header.array());
        writeChunk(png, "IDAT", deflate(raw));
        writeChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] deflate(byte[] data)
    {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                int length = deflater.deflate(buffer);
                output.write(buffer, 0, length);
            }
            return output.toByteArray();
        }
        finally {
            deflater.end();
        }
    }

    private static void writeChunk(ByteArrayOutputStream png, String type, byte[] data)
    {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
