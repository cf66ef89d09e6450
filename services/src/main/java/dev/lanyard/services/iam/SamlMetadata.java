package dev.lanyard.services.iam;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;


import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A SAML 2.0 metadata document of an identity provider, as CreateSAMLProvider accepts it: an EntityDescriptor (at the
 * root, or the first one inside an EntitiesDescriptor) with an IDPSSODescriptor that has at least one signing key given
 * as an X.509 certificate. The parser refuses DTDs, so neither external entities nor entity expansion can be used
 * against the server.
 */
public record SamlMetadata(String entityId, List<X509Certificate> signingCertificates, Optional<Instant> validUntil)
{
    public static final String METADATA_NAMESPACE = "urn:oasis:names:tc:SAML:2.0:metadata";
    public static final String SIGNATURE_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#";

    public SamlMetadata
    {
        requireNonNull(entityId, "entityId is null");
        signingCertificates = List.copyOf(signingCertificates);
        requireNonNull(validUntil, "validUntil is null");
    }

    /** Thrown for any document that is not such metadata; the caller answers AWS's InvalidInput. */
    public static final class InvalidMetadataException
            extends Exception
    {
        public InvalidMetadataException(String message)
        {
            super(message);
        }
    }

    public static SamlMetadata parse(String document)
            throws InvalidMetadataException
    {
        Document parsed = parseXml(document);
        Element root = parsed.getDocumentElement();
        Element entity = isMetadata(root, "EntityDescriptor") ? root : null;
        if (entity == null && isMetadata(root, "EntitiesDescriptor")) {
            entity = children(root, "EntityDescriptor").stream().filter(candidate -> !children(candidate, "IDPSSODescriptor").isEmpty()).findFirst().orElse(null);
        }
        if (entity == null) {
            throw new InvalidMetadataException("The document is not a SAML metadata EntityDescriptor");
        }
        String entityId = entity.getAttribute("entityID");
        if (entityId.isEmpty()) {
            throw new InvalidMetadataException("The EntityDescriptor has no entityID");
        }
        List<Element> identityProviders = children(entity, "IDPSSODescriptor");
        if (identityProviders.isEmpty()) {
            throw new InvalidMetadataException("The EntityDescriptor has no IDPSSODescriptor");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Element identityProvider : identityProviders) {
            for (Element key : children(identityProvider, "KeyDescriptor")) {
                String use = key.getAttribute("use");
                if (!use.isEmpty() && !use.equals("signing")) {
                    continue; // an encryption-only key does not verify assertions
                }
                NodeList values = key.getElementsByTagNameNS(SIGNATURE_NAMESPACE, "X509Certificate");
                for (int index = 0; index < values.getLength(); index++) {
                    certificates.add(certificate(values.item(index).getTextContent()));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new InvalidMetadataException("The IDPSSODescriptor has no signing X509Certificate");
        }
        return new SamlMetadata(entityId, certificates, validUntil(entity.getAttribute("validUntil")));
    }

    private static Document parseXml(String document)
            throws InvalidMetadataException
    {
        try {
            return HardenedXml.newDocumentBuilder().parse(new InputSource(new StringReader(document)));
        }
        catch (SAXException | IOException e) {
            throw new InvalidMetadataException("Not well-formed XML: " + e.getMessage());
        }
    }

    private static X509Certificate certificate(String base64)
            throws InvalidMetadataException
    {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.strip());
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        }
        catch (IllegalArgumentException | CertificateException e) {
            throw new InvalidMetadataException("An X509Certificate is not a certificate");
        }
    }

    private static Optional<Instant> validUntil(String attribute)
            throws InvalidMetadataException
    {
        if (attribute.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(attribute));
        }
        catch (DateTimeParseException e) {
            throw new InvalidMetadataException("validUntil is not a dateTime");
        }
    }

    private static boolean isMetadata(Element element, String localName)
    {
        return METADATA_NAMESPACE.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static List<Element> children(Element parent, String localName)
    {
        List<Element> result = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && isMetadata(element, localName)) {
                result.add(element);
            }
        }
        return result;
    }
}
