package dev.lanyard.services.iam;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * The one XML parser configuration for documents from outside (SAML metadata, SAML responses): namespace-aware, no DTDs,
 * no external entities or schemas, no XInclude, secure processing on; errors are thrown rather than printed.
 */
public final class HardenedXml
{
    private HardenedXml() {}

    public static DocumentBuilder newDocumentBuilder()
    {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler()
            {
                // The default handler prints to stderr; a bad document is the caller's error, reported once.
                @Override
                public void warning(SAXParseException exception) {}

                @Override
                public void error(SAXParseException exception)
                        throws SAXException
                {
                    throw exception;
                }

                @Override
                public void fatalError(SAXParseException exception)
                        throws SAXException
                {
                    throw exception;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entities are not allowed");
            });
            return builder;
        }
        catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be hardened", e);
        }
    }
}
