package dev.lanyard.services.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * SAML metadata for tests, around a self-signed certificate made once with
 * {@code openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=idp.lanyard.test} (its key was not kept).
 */
final class SamlTestDocuments
{
    private SamlTestDocuments() {}

    static String certificateBase64()
    {
        try (InputStream input = SamlTestDocuments.class.getResourceAsStream("saml-idp-certificate.pem")) {
            String pem = new String(input.readAllBytes(), StandardCharsets.US_ASCII);
            return pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").replaceAll("\\s", "");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String metadata()
    {
        return metadata("", keyDescriptor("signing", certificateBase64()));
    }

    static String metadata(String entityAttributes, String keyDescriptors)
    {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.lanyard.test/metadata"%s>
                  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                %s
                    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.lanyard.test/sso"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>
                """.formatted(entityAttributes, keyDescriptors);
    }

    static String keyDescriptor(String use, String certificate)
    {
        return """
                    <md:KeyDescriptor use="%s">
                      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
                        <ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data>
                      </ds:KeyInfo>
                    </md:KeyDescriptor>
                """.formatted(use, certificate);
    }
}
