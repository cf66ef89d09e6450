package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.InvalidPublicKeyException;
import software.amazon.awssdk.services.iam.model.UnrecognizedPublicKeyEncodingException;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SSH public keys as IAM takes them (for CodeCommit): RSA, in OpenSSH ("ssh-rsa AAAA... comment") or PEM
 * ("-----BEGIN PUBLIC KEY-----") encoding. The fingerprint is the MD5 of the OpenSSH key blob in colon-separated hex,
 * as {@code ssh-keygen -l -E md5} prints it.
 */
final class CredentialSshKeys
{
    private static final String SSH_RSA = "ssh-rsa";
    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";

    /** @param blob the OpenSSH wire encoding of the key */
    record ParsedKey(RSAPublicKey key, byte[] blob) {}

    private CredentialSshKeys() {}

    static ParsedKey parse(String body)
    {
        String trimmed = body.trim();
        if (trimmed.startsWith(SSH_RSA + " ")) {
            return parseOpenSsh(trimmed);
        }
        if (trimmed.startsWith(PEM_BEGIN)) {
            return parsePem(trimmed);
        }
        throw UnrecognizedPublicKeyEncodingException.builder().message("The public key encoding format is unsupported or unrecognized.").build();
    }

    private static ParsedKey parseOpenSsh(String body)
    {
        String[] parts = body.split("\\s+");
        try {
            byte[] blob = Base64.getDecoder().decode(parts[1]);
            ByteBuffer buffer = ByteBuffer.wrap(blob);
            String type = new String(readField(buffer), StandardCharsets.US_ASCII);
            if (!type.equals(SSH_RSA)) {
                throw invalid();
            }
            BigInteger exponent = new BigInteger(readField(buffer));
            BigInteger modulus = new BigInteger(readField(buffer));
            if (buffer.hasRemaining()) {
                throw invalid();
            }
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
            return new ParsedKey(key, blob);
        }
        catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof InvalidPublicKeyException invalid) {
                throw invalid;
            }
            throw invalid();
        }
    }

    private static ParsedKey parsePem(String body)
    {
        int end = body.indexOf(PEM_END);
        if (end < 0) {
            throw invalid();
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(body.substring(PEM_BEGIN.length(), end));
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return new ParsedKey(key, blob(key));
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw invalid();
        }
    }

    static String fingerprint(ParsedKey key)
    {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(key.blob()));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(ParsedKey key)
    {
        String encoded = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.key().getEncoded());
        return PEM_BEGIN + "\n" + encoded + "\n" + PEM_END + "\n";
    }

    static String openSsh(ParsedKey key)
    {
        return SSH_RSA + " " + Base64.getEncoder().encodeToString(key.blob());
    }

    private static byte[] blob(RSAPublicKey key)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeField(out, SSH_RSA.getBytes(StandardCharsets.US_ASCII));
        writeField(out, key.getPublicExponent().toByteArray());
        writeField(out, key.getModulus().toByteArray());
        return out.toByteArray();
    }

    private static byte[] readField(ByteBuffer buffer)
    {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw invalid();
        }
        byte[] field = new byte[length];
        buffer.get(field);
        return field;
    }

    private static void writeField(ByteArrayOutputStream out, byte[] field)
    {
        out.write(field.length >>> 24);
        out.write(field.length >>> 16);
        out.write(field.length >>> 8);
        out.write(field.length);
        out.writeBytes(field);
    }

    private static InvalidPublicKeyException invalid()
    {
        return InvalidPublicKeyException.builder().message("The public key is malformed or otherwise invalid.").build();
    }
}
