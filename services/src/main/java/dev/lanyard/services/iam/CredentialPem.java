package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.KeyPairMismatchException;
import software.amazon.awssdk.services.iam.model.MalformedCertificateException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Certificates and private keys in PEM, as IAM accepts them for signing and server certificates. */
final class CredentialPem
{
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private CredentialPem() {}

    static X509Certificate certificate(String pem)
    {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
        }
        catch (CertificateException | RuntimeException e) {
            throw MalformedCertificateException.builder().message("Unable to parse certificate. Please ensure the certificate is in PEM format.").build();
        }
    }

    /** The SHA-256 of a certificate's DER, in hex: the identity used to refuse the same certificate twice. */
    static String fingerprint(X509Certificate certificate)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        }
        catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private key in PKCS#8 ("PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY") PEM. */
    static PrivateKey privateKey(String pem, String algorithm)
    {
        Matcher matcher = PEM.matcher(pem.trim());
        if (!matcher.find()) {
            throw malformedKey();
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(2).replaceAll("\\s", ""));
            return switch (matcher.group(1)) {
                case "PRIVATE KEY" -> KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der)));
                default -> throw malformedKey();
            };
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw malformedKey();
        }
    }

    /** Signs with the private key and verifies with the certificate's public key: works for RSA and EC alike. */
    static void requireMatch(X509Certificate certificate, PrivateKey privateKey)
    {
        PublicKey publicKey = certificate.getPublicKey();
        String algorithm = publicKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + publicKey.getAlgorithm();
        byte[] probe = "lanyard key pair check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        }
        catch (GeneralSecurityException | RuntimeException e) {
            // A key of another algorithm than the certificate's is a mismatch too.
        }
        throw KeyPairMismatchException.builder().message("The public key certificate and the private key do not match.").build();
    }

    private static MalformedCertificateException malformedKey()
    {
        return MalformedCertificateException.builder().message("Unable to parse private key. Please ensure the private key is in PEM format.").build();
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, OCTET STRING). */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1)
    {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octetString = concat(new byte[] {0x04}, length(pkcs1.length), pkcs1);
        byte[] content = concat(version, algorithm, octetString);
        return concat(new byte[] {0x30}, length(content.length), content);
    }

    private static byte[] length(int length)
    {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    private static byte[] concat(byte[]... parts)
    {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] result = new byte[total];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, offset, part.length);
            offset += part.length;
        }
        return result;
    }
}
