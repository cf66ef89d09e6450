package dev.lanyard.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest
{
    private final SecretCipher cipher = new SecretCipher(MasterKey.random());
    private final byte[] plaintext = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".getBytes(StandardCharsets.UTF_8);
    private final byte[] associatedData = SecretCipher.associatedData("access_keys", "AKIAIOSFODNN7EXAMPLE");

    @Test
    void roundTrip()
    {
        byte[] ciphertext = cipher.encrypt(plaintext, associatedData);
        assertThat(ciphertext).hasSize(1 + 12 + plaintext.length + 16);
        assertThat(ciphertext[0]).isEqualTo(SecretCipher.VERSION);
        assertThat(cipher.decrypt(ciphertext, associatedData)).isEqualTo(plaintext);
        assertThat(cipher.decrypt(cipher.encrypt(new byte[0], associatedData), associatedData)).isEmpty();
    }

    @Test
    void nonceIsFreshEachTime()
    {
        assertThat(cipher.encrypt(plaintext, associatedData)).isNotEqualTo(cipher.encrypt(plaintext, associatedData));
    }

    @Test
    void everyTamperedByteIsRefused()
    {
        byte[] ciphertext = cipher.encrypt(plaintext, associatedData);
        for (int index = 0; index < ciphertext.length; index++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = ciphertext.clone();
                tampered[index] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> cipher.decrypt(tampered, associatedData))
                        .isInstanceOf(StoreException.class);
            }
        }
    }

    @Test
    void truncatedOrExtendedIsRefused()
    {
        byte[] ciphertext = cipher.encrypt(plaintext, associatedData);
        for (int length = 0; length < ciphertext.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(ciphertext, length);
            assertThatThrownBy(() -> cipher.decrypt(truncated, associatedData)).isInstanceOf(StoreException.class);
        }
        byte[] extended = java.util.Arrays.copyOf(ciphertext, ciphertext.length + 1);
        assertThatThrownBy(() -> cipher.decrypt(extended, associatedData)).isInstanceOf(StoreException.class);
    }

    @Test
    void wrongAssociatedDataIsRefused()
    {
        byte[] ciphertext = cipher.encrypt(plaintext, associatedData);
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, SecretCipher.associatedData("access_keys", "AKIAOTHERKEY0000000")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, new byte[0])).isInstanceOf(StoreException.class);
    }

    @Test
    void wrongKeyIsRefused()
    {
        byte[] ciphertext = cipher.encrypt(plaintext, associatedData);
        assertThatThrownBy(() -> new SecretCipher(MasterKey.random()).decrypt(ciphertext, associatedData)).isInstanceOf(StoreException.class);
    }

    @Test
    void associatedDataPartsAreUnambiguous()
    {
        assertThat(SecretCipher.associatedData("ab", "c")).isNotEqualTo(SecretCipher.associatedData("a", "bc"));
        assertThat(SecretCipher.associatedData("a", "")).isNotEqualTo(SecretCipher.associatedData("a"));
    }
}
