package dev.lanyard.services.accounts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessKeyIdsTest
{
    @Test
    void keyIdsCarryTheirAccount()
    {
        for (String account : new String[] {"123456789012", "000000000001", "999999999999", "210987654321"}) {
            for (int attempt = 0; attempt < 200; attempt++) {
                String id = AccessKeyIds.newId("ASIA", account);
                assertThat(id).matches("ASIA[A-Z2-7]{16}");
                assertThat(AccessKeyIds.accountOf(id)).contains(account);
            }
        }
    }

    @Test
    void decodesAPublishedRealKeyId()
    {
        // A real key id whose account AWS's GetAccessKeyInfo reported, published by Aidan Steele and Tal Be'ery (2020).
        assertThat(AccessKeyIds.accountOf("ASIAY34FZKBOKMUTVV7A")).contains("609629065308");
    }

    @Test
    void refusesWhatIsNotAKeyId()
    {
        assertThat(AccessKeyIds.accountOf("AKIA")).isEmpty();
        assertThat(AccessKeyIds.accountOf("AKIA0000000000000000")).isEmpty();
    }
}
