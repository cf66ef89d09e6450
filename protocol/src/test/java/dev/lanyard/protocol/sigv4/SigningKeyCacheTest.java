package dev.lanyard.protocol.sigv4;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyCacheTest
{
    private static final CredentialScope SCOPE = new CredentialScope("20150830", "us-east-1", "iam");

    @Test
    void cachedKeyIsTheDerivedKey()
    {
        SigningKeyCache cache = new SigningKeyCache(4);
        assertThat(cache.signingKey("secret", SCOPE).getEncoded()).isEqualTo(SigningKeyCache.derive("secret", SCOPE).getEncoded());
        assertThat(cache.signingKey("secret", SCOPE)).isSameAs(cache.signingKey("secret", SCOPE));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void everyPartOfTheKeyCounts()
    {
        SigningKeyCache cache = new SigningKeyCache(16);
        byte[] base = cache.signingKey("secret", SCOPE).getEncoded();
        assertThat(cache.signingKey("other", SCOPE).getEncoded()).isNotEqualTo(base);
        assertThat(cache.signingKey("secret", new CredentialScope("20150831", "us-east-1", "iam")).getEncoded()).isNotEqualTo(base);
        assertThat(cache.signingKey("secret", new CredentialScope("20150830", "eu-west-1", "iam")).getEncoded()).isNotEqualTo(base);
        assertThat(cache.signingKey("secret", new CredentialScope("20150830", "us-east-1", "sts")).getEncoded()).isNotEqualTo(base);
        assertThat(cache.size()).isEqualTo(5);
    }

    @Test
    void staysBounded()
    {
        SigningKeyCache cache = new SigningKeyCache(8);
        for (int index = 0; index < 100; index++) {
            cache.signingKey("secret" + index, SCOPE);
            assertThat(cache.size()).isLessThanOrEqualTo(8);
        }
        assertThatThrownBy(() -> new SigningKeyCache(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workOnVirtualThreads()
            throws InterruptedException
    {
        byte[][] result = new byte[1][];
        Thread thread = Thread.ofVirtual().start(() -> result[0] = SigningKeyCache.derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", SCOPE).getEncoded());
        thread.join();
        assertThat(Hashing.hex(result[0])).isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }
}
