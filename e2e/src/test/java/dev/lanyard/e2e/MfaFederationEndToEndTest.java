package dev.lanyard.e2e;

import dev.lanyard.services.auth.AuthMode;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.IamArns;
import dev.lanyard.services.iam.IamIds;
import dev.lanyard.services.iam.MfaBase32;
import dev.lanyard.services.iam.Totp;
import dev.lanyard.store.Entity;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.IntStream;

import static dev.lanyard.e2e.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** Virtual MFA devices and OIDC / SAML providers through the unmodified AWS SDK for Java v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MfaFederationEndToEndTest
{
    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());

    @Test
    void virtualMfaDeviceLifecycle()
    {
        // Users are another family's operations; insert what every user entity has straight into the store.
        createUserInStore("mfa-user");

        VirtualMFADevice device = iam.createVirtualMFADevice(request -> request.virtualMFADeviceName("mfa-user-phone").path("/people/")
                .tags(Tag.builder().key("owner").value("mfa-user").build())).virtualMFADevice();
        assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/people/mfa-user-phone");
        // The SDK decodes the blob's base64: what remains is the base32 text of the seed, as with AWS.
        String base32 = device.base32StringSeed().asUtf8String();
        assertThat(base32).matches("[A-Z2-7]{32}");
        byte[] png = device.qrCodePNG().asByteArray();
        assertThat(Arrays.copyOf(png, 8)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        assertThat(device.tags()).containsExactly(Tag.builder().key("owner").value("mfa-user").build());

        assertAwsError(() -> iam.createVirtualMFADevice(request -> request.virtualMFADeviceName("mfa-user-phone")),
                409, "EntityAlreadyExists", "MFADevice entity at the same path and name already exists.");

        byte[] seed = MfaBase32.decode(base32);
        long step = Totp.step(Instant.now());
        assertAwsError(() -> iam.enableMFADevice(request -> request.userName("mfa-user").serialNumber(device.serialNumber())
                        .authenticationCode1(Totp.generateForStep(seed, step)).authenticationCode2(Totp.generateForStep(seed, step - 1))),
                403, "InvalidAuthenticationCode", "Authentication code for device is not valid.");
        assertAwsError(() -> iam.enableMFADevice(request -> request.userName("nobody").serialNumber(device.serialNumber())
                        .authenticationCode1("123456").authenticationCode2("654321")),
                404, "NoSuchEntity", "The user with name nobody cannot be found.");
        iam.enableMFADevice(request -> request.userName("mfa-user").serialNumber(device.serialNumber())
                .authenticationCode1(Totp.generateForStep(seed, step - 1)).authenticationCode2(Totp.generateForStep(seed, step)));
        assertAwsError(() -> iam.enableMFADevice(request -> request.userName("mfa-user").serialNumber(device.serialNumber())
                        .authenticationCode1(Totp.generateForStep(seed, step - 1)).authenticationCode2(Totp.generateForStep(seed, step))),
                409, "EntityAlreadyExists", "MFA Device is already in use.");

        ListMfaDevicesResponse devices = iam.listMFADevices(request -> request.userName("mfa-user"));
        assertThat(devices.mfaDevices()).singleElement().satisfies(mfa -> {
            assertThat(mfa.userName()).isEqualTo("mfa-user");
            assertThat(mfa.serialNumber()).isEqualTo(device.serialNumber());
            assertThat(mfa.enableDate()).isNotNull();
        });
        assertThat(devices.isTruncated()).isFalse();
        ListVirtualMfaDevicesResponse assigned = iam.listVirtualMFADevices(request -> request.assignmentStatus(AssignmentStatusType.ASSIGNED));
        assertThat(assigned.virtualMFADevices()).singleElement().satisfies(entry -> {
            assertThat(entry.serialNumber()).isEqualTo(device.serialNumber());
            assertThat(entry.user().userName()).isEqualTo("mfa-user");
            assertThat(entry.user().arn()).isEqualTo("arn:aws:iam::123456789012:user/mfa-user");
            assertThat(entry.enableDate()).isNotNull();
        });
        assertThat(iam.getMFADevice(request -> request.serialNumber(device.serialNumber())).userName()).isEqualTo("mfa-user");
        assertThat(iam.listMFADeviceTags(request -> request.serialNumber(device.serialNumber())).tags()).hasSize(1);
        iam.untagMFADevice(request -> request.serialNumber(device.serialNumber()).tagKeys("owner"));
        iam.tagMFADevice(request -> request.serialNumber(device.serialNumber()).tags(Tag.builder().key("k").value("v").build()));
        assertThat(iam.listMFADeviceTags(request -> request.serialNumber(device.serialNumber())).tags()).containsExactly(Tag.builder().key("k").value("v").build());

        assertAwsError(() -> iam.deleteVirtualMFADevice(request -> request.serialNumber(device.serialNumber())), 409, "DeleteConflict", "MFA device is already in use.");
        assertAwsError(() -> iam.resyncMFADevice(request -> request.userName("mfa-user").serialNumber(device.serialNumber())
                        .authenticationCode1("000000").authenticationCode2("000000")),
                403, "InvalidAuthenticationCode", "Authentication code for device is not valid.");
        iam.deactivateMFADevice(request -> request.userName("mfa-user").serialNumber(device.serialNumber()));
        assertAwsError(() -> iam.deactivateMFADevice(request -> request.userName("mfa-user").serialNumber(device.serialNumber())),
                404, "NoSuchEntity", "MFA Device with serial number " + device.serialNumber() + " does not exist.");
        assertThat(iam.listMFADevices(request -> request.userName("mfa-user")).mfaDevices()).isEmpty();
        assertThat(iam.listVirtualMFADevices(request -> request.assignmentStatus(AssignmentStatusType.UNASSIGNED)).virtualMFADevices())
                .singleElement().satisfies(entry -> assertThat(entry.user()).isNull());

        iam.deleteVirtualMFADevice(request -> request.serialNumber(device.serialNumber()));
        assertAwsError(() -> iam.deleteVirtualMFADevice(request -> request.serialNumber(device.serialNumber())),
                404, "NoSuchEntity", "VirtualMFADevice with serial number " + device.serialNumber() + " doesn't exist.");
        assertThat(iam.listVirtualMFADevices().virtualMFADevices()).isEmpty();
    }

    @Test
    void badMfaInputIsAClientError()
    {
        assertAwsError(() -> iam.enableMFADevice(request -> request.userName("x").serialNumber("arn:aws:iam::123456789012:mfa/x")
                .authenticationCode1("abcdef").authenticationCode2("123456")), 400, "ValidationError", null);
        assertAwsError(() -> iam.listMFADeviceTags(request -> request.serialNumber("GAHT12345678")), 404, "NoSuchEntity",
                "VirtualMFADevice with serial number GAHT12345678 doesn't exist.");
    }

    @Test
    void openIdConnectProviders()
    {
        CreateOpenIdConnectProviderResponse created = iam.createOpenIDConnectProvider(request -> request.url("https://oidc.e2e.example.com/id/ABC")
                .clientIDList("sts.amazonaws.com").thumbprintList("9e99a48a9960b14926bb7f3b02e22da2b0ab7280"));
        String arn = created.openIDConnectProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::123456789012:oidc-provider/oidc.e2e.example.com/id/ABC");
        GetOpenIdConnectProviderResponse provider = iam.getOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn));
        assertThat(provider.url()).isEqualTo("oidc.e2e.example.com/id/ABC");
        assertThat(provider.clientIDList()).containsExactly("sts.amazonaws.com");
        assertThat(provider.thumbprintList()).containsExactly("9e99a48a9960b14926bb7f3b02e22da2b0ab7280");
        assertThat(provider.createDate()).isNotNull();

        iam.addClientIDToOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).clientID("web-app"));
        iam.removeClientIDFromOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).clientID("sts.amazonaws.com"));
        iam.updateOpenIDConnectProviderThumbprint(request -> request.openIDConnectProviderArn(arn).thumbprintList("a".repeat(40), "b".repeat(40)));
        iam.tagOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).tags(Tag.builder().key("env").value("test").build()));
        GetOpenIdConnectProviderResponse changed = iam.getOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn));
        assertThat(changed.clientIDList()).containsExactly("web-app");
        assertThat(changed.thumbprintList()).containsExactly("a".repeat(40), "b".repeat(40));
        assertThat(changed.tags()).containsExactly(Tag.builder().key("env").value("test").build());
        assertThat(iam.listOpenIDConnectProviderTags(request -> request.openIDConnectProviderArn(arn)).tags()).hasSize(1);
        iam.untagOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).tagKeys("env"));
        assertThat(iam.listOpenIDConnectProviderTags(request -> request.openIDConnectProviderArn(arn)).tags()).isEmpty();
        assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).extracting(entry -> entry.arn()).contains(arn);

        assertAwsError(() -> iam.createOpenIDConnectProvider(request -> request.url("https://oidc.e2e.example.com/id/ABC")),
                409, "EntityAlreadyExists", "Provider with url https://oidc.e2e.example.com/id/ABC already exists.");
        assertAwsError(() -> iam.createOpenIDConnectProvider(request -> request.url("http://plain.example.com")),
                400, "InvalidInput", "Invalid Open ID Connect Provider URL");
        assertAwsError(() -> iam.createOpenIDConnectProvider(request -> request.url("https://many.example.com")
                        .thumbprintList(IntStream.range(0, 6).mapToObj(index -> String.valueOf(index).repeat(40)).toList())),
                400, "InvalidInput", "Thumbprint list must contain fewer than 5 entries.");
        assertAwsError(() -> iam.createOpenIDConnectProvider(request -> request.url("https://many.example.com")
                        .clientIDList(IntStream.range(0, 101).mapToObj(index -> "client-" + index).toList())),
                409, "LimitExceeded", "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");

        iam.deleteOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn));
        assertAwsError(() -> iam.getOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn)),
                404, "NoSuchEntity", "OpenIDConnect Provider not found for arn " + arn);
        assertAwsError(() -> iam.deleteOpenIDConnectProvider(request -> request.openIDConnectProviderArn("not-an-arn-of-any-kind")),
                400, "InvalidInput", "ARN not-an-arn-of-any-kind is not valid.");
    }

    @Test
    void samlProviders()
    {
        String metadata = metadata(certificateBase64());
        String arn = iam.createSAMLProvider(request -> request.name("e2e-idp").samlMetadataDocument(metadata)
                .tags(Tag.builder().key("team").value("it").build())).samlProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::123456789012:saml-provider/e2e-idp");
        GetSamlProviderResponse provider = iam.getSAMLProvider(request -> request.samlProviderArn(arn));
        assertThat(provider.samlMetadataDocument()).isEqualTo(metadata);
        assertThat(provider.validUntil()).isAfter(Instant.now().plusSeconds(99L * 365 * 86400));
        assertThat(provider.tags()).containsExactly(Tag.builder().key("team").value("it").build());
        assertThat(iam.listSAMLProviders().samlProviderList()).singleElement().satisfies(entry -> {
            assertThat(entry.arn()).isEqualTo(arn);
            assertThat(entry.createDate()).isEqualTo(provider.createDate());
        });

        String updated = metadata.replace("entityID=\"https://idp.e2e.test/metadata\"", "entityID=\"https://idp.e2e.test/metadata\" validUntil=\"2031-02-03T04:05:06Z\"");
        assertThat(iam.updateSAMLProvider(request -> request.samlProviderArn(arn).samlMetadataDocument(updated)).samlProviderArn()).isEqualTo(arn);
        assertThat(iam.getSAMLProvider(request -> request.samlProviderArn(arn)).validUntil()).isEqualTo(Instant.parse("2031-02-03T04:05:06Z"));
        iam.tagSAMLProvider(request -> request.samlProviderArn(arn).tags(Tag.builder().key("env").value("e2e").build()));
        iam.untagSAMLProvider(request -> request.samlProviderArn(arn).tagKeys("team"));
        assertThat(iam.listSAMLProviderTags(request -> request.samlProviderArn(arn)).tags()).containsExactly(Tag.builder().key("env").value("e2e").build());

        assertAwsError(() -> iam.createSAMLProvider(request -> request.name("e2e-idp").samlMetadataDocument(metadata)),
                409, "EntityAlreadyExists", "Provider with name e2e-idp already exists.");
        assertAwsError(() -> iam.createSAMLProvider(request -> request.name("broken").samlMetadataDocument("<notxml " + "x".repeat(1200))),
                400, "InvalidInput", "Could not parse metadata");
        assertAwsError(() -> iam.createSAMLProvider(request -> request.name("no-cert").samlMetadataDocument(metadata.replace(certificateBase64(), "")
                        + "<!--" + "x".repeat(1200) + "-->")),
                400, "InvalidInput", "Could not parse metadata");

        iam.deleteSAMLProvider(request -> request.samlProviderArn(arn));
        assertAwsError(() -> iam.getSAMLProvider(request -> request.samlProviderArn(arn)), 404, "NoSuchEntity", "Manifest not found for arn " + arn);
        assertThat(iam.listSAMLProviders().samlProviderList()).isEmpty();
    }

    @Test
    void awsCliWritesTheBootstrapFiles()
            throws IOException
    {
        // The CLI base64-decodes the blob and writes the chosen bootstrap datum to --outfile, as with AWS.
        Path seedFile = server.dataDirectory().resolve("seed.txt");
        Processes.Result seed = aws("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "cli-seed", "--outfile", seedFile.toString(), "--bootstrap-method", "Base32StringSeed");
        assertThat(seed.exitCode()).as(seed.toString()).isZero();
        assertThat(seed.stdout()).contains("\"SerialNumber\": \"arn:aws:iam::123456789012:mfa/cli-seed\"");
        assertThat(Files.readString(seedFile)).matches("[A-Z2-7]{32}");

        Path qrFile = server.dataDirectory().resolve("qr.png");
        Processes.Result qr = aws("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "cli-qr", "--outfile", qrFile.toString(), "--bootstrap-method", "QRCodePNG");
        assertThat(qr.exitCode()).as(qr.toString()).isZero();
        assertThat(Arrays.copyOf(Files.readAllBytes(qrFile), 8)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});

        Processes.Result conflict = aws("iam", "delete-virtual-mfa-device", "--serial-number", "arn:aws:iam::123456789012:mfa/not-there");
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.stderr()).contains("(NoSuchEntity)").contains("VirtualMFADevice with serial number arn:aws:iam::123456789012:mfa/not-there doesn't exist.");
        aws("iam", "delete-virtual-mfa-device", "--serial-number", "arn:aws:iam::123456789012:mfa/cli-seed");
        aws("iam", "delete-virtual-mfa-device", "--serial-number", "arn:aws:iam::123456789012:mfa/cli-qr");
    }

    private Processes.Result aws(String... arguments)
    {
        return Processes.aws(server.endpoint(), server.dataDirectory().resolve("credentials"), null, arguments);
    }

    private void createUserInStore(String name)
    {
        String arn = IamArns.user(TestServer.ACCOUNT_ID, "/", name);
        Entity user = Entity.create(TestServer.ACCOUNT_ID, EntityKinds.USER, IamIds.newId(IamIds.USER), name, "/",
                "{\"userName\":\"" + name + "\",\"path\":\"/\",\"arn\":\"" + arn + "\"}", Instant.now());
        server.store().write(transaction -> {
            transaction.insertEntity(user);
            return null;
        });
    }

    private static String certificateBase64()
    {
        try (InputStream input = MfaFederationEndToEndTest.class.getResourceAsStream("saml-idp-certificate.pem")) {
            String pem = new String(input.readAllBytes(), StandardCharsets.US_ASCII);
            return pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").replaceAll("\\s", "");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String metadata(String certificate)
    {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.e2e.test/metadata">
                  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <md:KeyDescriptor use="signing">
                      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
                    </md:KeyDescriptor>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.e2e.test/sso?a=1&amp;b=2"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>
                """.formatted(certificate);
    }
}
