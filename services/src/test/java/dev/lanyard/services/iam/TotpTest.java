package dev.lanyard.services.iam;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest
{
    // RFC 6238 appendix B, SHA-1 column: the key is the ASCII "12345678901234567890"; 8-digit codes there, whose last 6 digits are the 6-digit codes.
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238Vectors()
    {
        assertThat(Totp.generate(RFC_KEY, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.generate(RFC_KEY, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.generate(RFC_KEY, Instant.ofEpochSecond(1111111111))).isEqualTo("050471");
        assertThat(Totp.generate(RFC_KEY, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.generate(RFC_KEY, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
        assertThat(Totp.generate(RFC_KEY, Instant.ofEpochSecond(20000000000L))).isEqualTo("353130");
    }

    @Test
    void verifyAcceptsOneStepEitherSideAndNoMore()
    {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        assertThat(Totp.verify(RFC_KEY, Totp.generateForStep(RFC_KEY, step), now, 1)).hasValue(step);
        assertThat(Totp.verify(RFC_KEY, Totp.generateForStep(RFC_KEY, step - 1), now, 1)).hasValue(step - 1);
        assertThat(Totp.verify(RFC_KEY, Totp.generateForStep(RFC_KEY, step + 1), now, 1)).hasValue(step + 1);
        assertThat(Totp.verify(RFC_KEY, Totp.generateForStep(RFC_KEY, step + 2), now, 1)).isEmpty();
        assertThat(Totp.verify(RFC_KEY, Totp.generateForStep(RFC_KEY, step - 2), now, 1)).isEmpty();
        assertThat(Totp.verify(RFC_KEY, "12345", now, 1)).isEmpty();
    }

    @Test
    void base32RoundTripAndRfc4648Vectors()
    {
        assertThat(MfaBase32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(MfaBase32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(new String(MfaBase32.decode("MZXW6YTBOI======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        assertThat(new String(MfaBase32.decode("mzxw6ytb"), StandardCharsets.US_ASCII)).isEqualTo("fooba");
        byte[] seed = new byte[20];
        for (int index = 0; index < seed.length; index++) {
            seed[index] = (byte) (index * 37 + 5);
        }
        assertThat(MfaBase32.encode(seed)).hasSize(32);
        assertThat(MfaBase32.decode(MfaBase32.encode(seed))).isEqualTo(seed);
    }
}
