package dev.lanyard.services.sts;

import dev.lanyard.services.iam.HardenedXml;
import dev.lanyard.protocol.AwsErrorException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.MarshalException;
import javax.xml.parsers.DocumentBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Verifies a SAML 2.0 Response for AssumeRoleWithSAML and reads its one Assertion.
 *
 * <p>Against signature wrapping: the document may hold exactly one Assertion, as a child of the Response; every ID is
 * registered explicitly and must be unique; a signature is accepted only as a direct child of the Response or the
 * Assertion, with one Reference whose URI is the ID of that very parent element ("#" + ID), and only the enveloped and
 * exclusive canonicalization transforms. So the element we read is the element the signature covers, and not a copy
 * placed elsewhere in the tree. The parser refuses DTDs (hence entities) and XInclude.
 */
final class SamlAssertionVerifier
{
    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String AWS_AUDIENCE = "https://signin.aws.amazon.com/saml";
    static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";
    static final String ROLE_SESSION_NAME_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    static final String SESSION_DURATION_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
    static final String SOURCE_IDENTITY_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
    static final String PRINCIPAL_TAG_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
    static final String TRANSITIVE_TAG_KEYS_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys";
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private static final String NAME_ID_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:";
    private static final Set<String> ALLOWED_TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE, CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS);

    private SamlAssertionVerifier() {}

    /**
     * What a verified assertion says.
     *
     * @param subjectType "persistent", "transient", or the full Format URI for other formats (as AWS reports SubjectType)
     * @param recipient the Recipient of the bearer SubjectConfirmationData (AWS's "Audience" and saml:aud)
     * @param attributes every attribute by name, with all its values
     */
    record VerifiedAssertion(String issuer, String subject, String subjectType, String recipient, List<String> audiences,
            Map<String, List<String>> attributes, Instant notOnOrAfter)
    {
        VerifiedAssertion
        {
            requireNonNull(issuer, "issuer is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(subjectType, "subjectType is null");
            requireNonNull(recipient, "recipient is null");
            audiences = List.copyOf(requireNonNull(audiences, "audiences is null"));
            attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
            requireNonNull(notOnOrAfter, "notOnOrAfter is null");
        }

        List<String> attribute(String name)
        {
            return attributes.getOrDefault(name, List.of());
        }

        Optional<String> singleAttribute(String name)
        {
            List<String> values = attribute(name);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }
    }

    static VerifiedAssertion verify(byte[] responseXml, List<X509Certificate> certificates, Instant now)
    {
        Document document = parse(responseXml);
        Element response = document.getDocumentElement();
        if (!PROTOCOL.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())) {
            throw invalid("Invalid SAML response: the document is not a SAML 2.0 Response");
        }
        registerIds(document);
        NodeList assertions = document.getElementsByTagNameNS(ASSERTION, "Assertion");
        if (assertions.getLength() != 1 || assertions.item(0).getParentNode() != response) {
            throw invalid("Invalid SAML response: it must contain exactly one Assertion, a child of the Response");
        }
        if (document.getElementsByTagNameNS(ASSERTION, "EncryptedAssertion").getLength() != 0) {
            throw invalid("Invalid SAML response: encrypted assertions are not supported");
        }
        Element assertion = (Element) assertions.item(0);
        verifySignatures(document, response, assertion, certificates);
        Element status = child(response, PROTOCOL, "Status").flatMap(element -> child(element, PROTOCOL, "StatusCode"))
                .orElseThrow(() -> invalid("Invalid SAML response: no Status"));
        if (!SUCCESS.equals(status.getAttribute("Value"))) {
            throw rejected("The identity provider did not report success: " + status.getAttribute("Value"));
        }
        return read(assertion, now);
    }

    private static VerifiedAssertion read(Element assertion, Instant now)
    {
        String issuer = child(assertion, ASSERTION, "Issuer").map(element -> element.getTextContent().strip())
                .orElseThrow(() -> invalid("Invalid SAML response: the Assertion has no Issuer"));
        Element subjectElement = child(assertion, ASSERTION, "Subject").orElseThrow(() -> invalid("Invalid SAML response: the Assertion has no Subject"));
        // AWS answers a Subject without NameID as it answers an untrusted role (its SAML troubleshooting guide says so).
        Element nameId = child(subjectElement, ASSERTION, "NameID").orElseThrow(() -> FederatedTrust.notAuthorized("sts:AssumeRoleWithSAML"));
        String format = nameId.getAttribute("Format");
        String subjectType = format.equals(NAME_ID_FORMAT + "persistent") ? "persistent" : format.equals(NAME_ID_FORMAT + "transient") ? "transient" : format;

        // The bearer confirmation must be meant for AWS and current.
        String recipient = null;
        Instant confirmationEnd = null;
        for (Element confirmation : children(subjectElement, ASSERTION, "SubjectConfirmation")) {
            if (!"urn:oasis:names:tc:SAML:2.0:cm:bearer".equals(confirmation.getAttribute("Method"))) {
                continue;
            }
            Optional<Element> data = child(confirmation, ASSERTION, "SubjectConfirmationData");
            if (data.isPresent() && isAwsEndpoint(data.get().getAttribute("Recipient"))) {
                recipient = data.get().getAttribute("Recipient");
                confirmationEnd = time(data.get(), "NotOnOrAfter").orElse(null);
            }
        }
        if (recipient == null) {
            throw invalid("Invalid SAML response: no bearer SubjectConfirmation with Recipient " + AWS_AUDIENCE);
        }
        if (confirmationEnd != null && !now.isBefore(confirmationEnd.plus(CLOCK_SKEW))) {
            throw expired();
        }

        Element conditions = child(assertion, ASSERTION, "Conditions").orElseThrow(() -> invalid("Invalid SAML response: the Assertion has no Conditions"));
        Optional<Instant> notBefore = time(conditions, "NotBefore");
        Instant notOnOrAfter = time(conditions, "NotOnOrAfter").orElseThrow(() -> invalid("Invalid SAML response: Conditions have no NotOnOrAfter"));
        if (notBefore.isPresent() && now.plus(CLOCK_SKEW).isBefore(notBefore.get())) {
            throw invalid("Invalid SAML response: the assertion is not yet valid");
        }
        if (!now.isBefore(notOnOrAfter.plus(CLOCK_SKEW))) {
            throw expired();
        }
        List<String> audiences = new ArrayList<>();
        List<Element> restrictions = children(conditions, ASSERTION, "AudienceRestriction");
        for (Element restriction : restrictions) {
            List<String> restrictionAudiences = children(restriction, ASSERTION, "Audience").stream().map(element -> element.getTextContent().strip()).toList();
            // Each AudienceRestriction must be satisfied (SAML core 2.5.1.4): AWS must be among the audiences of every one.
            if (restrictionAudiences.stream().noneMatch(SamlAssertionVerifier::isAwsEndpoint)) {
                throw invalid("Invalid SAML response: the audience restriction does not include " + AWS_AUDIENCE);
            }
            audiences.addAll(restrictionAudiences);
        }
        if (restrictions.isEmpty()) {
            throw invalid("Invalid SAML response: no AudienceRestriction");
        }

        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Element statement : children(assertion, ASSERTION, "AttributeStatement")) {
            for (Element attribute : children(statement, ASSERTION, "Attribute")) {
                List<String> values = attributes.computeIfAbsent(attribute.getAttribute("Name"), ignored -> new ArrayList<>());
                children(attribute, ASSERTION, "AttributeValue").forEach(value -> values.add(value.getTextContent().strip()));
            }
        }
        return new VerifiedAssertion(issuer, nameId.getTextContent().strip(), subjectType, recipient, audiences, attributes, notOnOrAfter);
    }

    private static void verifySignatures(Document document, Element response, Element assertion, List<X509Certificate> certificates)
    {
        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() == 0) {
            throw invalid("Invalid SAML response: it is not signed");
        }
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        for (int index = 0; index < signatures.getLength(); index++) {
            Element signature = (Element) signatures.item(index);
            Node signed = signature.getParentNode();
            if (signed != response && signed != assertion) {
                throw invalid("Invalid SAML response: a signature outside the Response and the Assertion");
            }
            if (!verifiesWithAny(factory, signature, (Element) signed, certificates)) {
                throw invalid("Response signature invalid");
            }
        }
    }

    private static boolean verifiesWithAny(XMLSignatureFactory factory, Element signatureElement, Element signed, List<X509Certificate> certificates)
    {
        String id = signed.getAttribute("ID");
        for (X509Certificate certificate : certificates) {
            try {
                DOMValidateContext context = new DOMValidateContext(certificate.getPublicKey(), signatureElement);
                context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
                XMLSignature signature = factory.unmarshalXMLSignature(context);
                List<?> references = signature.getSignedInfo().getReferences();
                if (id.isEmpty() || references.size() != 1 || !("#" + id).equals(((Reference) references.getFirst()).getURI())) {
                    return false;
                }
                for (Object transform : ((Reference) references.getFirst()).getTransforms()) {
                    if (!ALLOWED_TRANSFORMS.contains(((Transform) transform).getAlgorithm())) {
                        return false;
                    }
                }
                if (signature.validate(context)) {
                    return true;
                }
            }
            catch (MarshalException | XMLSignatureException | ClassCastException e) {
                // a malformed signature or a key of the wrong type: try the next certificate, refuse in the end
            }
        }
        return false;
    }

    /** Registers the ID attributes of the SAML elements that carry one, refusing duplicates (a wrapping attempt). */
    private static void registerIds(Document document)
    {
        Set<String> seen = new HashSet<>();
        NodeList all = document.getElementsByTagName("*");
        for (int index = 0; index < all.getLength(); index++) {
            Element element = (Element) all.item(index);
            if (element.hasAttributeNS(null, "ID")) {
                if (!seen.add(element.getAttributeNS(null, "ID"))) {
                    throw invalid("Invalid SAML response: duplicate ID " + element.getAttributeNS(null, "ID"));
                }
                element.setIdAttributeNS(null, "ID", true);
            }
        }
    }

    static Document parse(byte[] xml)
    {
        try {
            DocumentBuilder builder = HardenedXml.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(xml));
        }
        catch (SAXException | IOException e) {
            throw invalid("Invalid SAML response: not well-formed XML");
        }
    }

    static boolean isAwsEndpoint(String url)
    {
        // The global endpoint or a regional one (https://us-west-2.signin.aws.amazon.com/saml).
        return url.equals(AWS_AUDIENCE) || url.matches("https://[a-z0-9-]+\\.signin\\.aws\\.amazon\\.com/saml");
    }

    private static Optional<Instant> time(Element element, String attribute)
    {
        if (!element.hasAttribute(attribute)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(element.getAttribute(attribute)));
        }
        catch (DateTimeParseException e) {
            throw invalid("Invalid SAML response: " + attribute + " is not a time");
        }
    }

    private static Optional<Element> child(Element parent, String namespace, String localName)
    {
        List<Element> children = children(parent, namespace, localName);
        return children.isEmpty() ? Optional.empty() : Optional.of(children.getFirst());
    }

    private static List<Element> children(Element parent, String namespace, String localName)
    {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())) {
                result.add(element);
            }
        }
        return result;
    }

    private static AwsErrorException invalid(String message)
    {
        return StsErrors.invalidIdentityToken(message);
    }

    private static AwsErrorException rejected(String message)
    {
        return StsErrors.idpRejectedClaim(message);
    }

    private static AwsErrorException expired()
    {
        return StsErrors.expiredToken("The SAML assertion has expired");
    }
}
