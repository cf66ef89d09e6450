package dev.lanyard.services.iam;

import dev.lanyard.services.Caller;
import dev.lanyard.store.Entity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.GetMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.InvalidAuthenticationCodeException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListMfaDeviceTagsRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDeviceTagsResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ResyncMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.UntagMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MfaOperationsTest
{
    private final MfaTestSupport support = new MfaTestSupport();
    private final MfaOperations operations = new MfaOperations(support.context);

    @AfterEach
    void close()
    {
        support.close();
    }

    @Test
    void createReturnsSeedQrCodeAndSerialAndKeepsTheSeedOutOfTheBody()
    {
        VirtualMFADevice device = create("/team/", "alice-phone");
        assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/team/alice-phone");
        String base32 = device.base32StringSeed().asUtf8String();
        assertThat(base32).matches("[A-Z2-7]{32}");
        byte[] png = device.qrCodePNG().asByteArray();
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        // The PNG is the QR code of the otpauth URI authenticator apps read
        String uri = "otpauth://totp/Lanyard:alice-phone@123456789012?secret=" + base32 + "&issuer=Lanyard";
        assertThat(png).isEqualTo(QrCodePng.render(QrCode.encode(uri.getBytes(StandardCharsets.UTF_8), QrCode.ErrorCorrection.MEDIUM), 4, 4));
        Entity stored = support.store.read(transaction -> transaction.entityByName(MfaTestSupport.ACCOUNT, EntityKinds.VIRTUAL_MFA_DEVICE, "alice-phone")).orElseThrow();
        assertThat(stored.body()).doesNotContain(base32);
        byte[] secret = support.store.read(transaction -> transaction.secret(MfaTestSupport.ACCOUNT, stored.id(), MfaDevices.SEED_PURPOSE)).orElseThrow();
        assertThat(MfaBase32.encode(secret)).isEqualTo(base32);
    }

    @Test
    void duplicateNameIsEntityAlreadyExistsEvenOnAnotherPathOrCase()
    {
        create("/", "phone");
        assertThatThrownBy(() -> create("/other/", "PHONE"))
                .isInstanceOf(EntityAlreadyExistsException.class)
                .hasMessage("MFADevice entity at the same path and name already exists.");
    }

    @Test
    void longestNameStillFitsTheQrCodeAndLongerIsInvalidInput()
    {
        String longest = "n".repeat(MfaOperations.MAX_DEVICE_NAME_LENGTH);
        assertThat(create("/", longest).qrCodePNG().asByteArray()).isNotEmpty();
        assertThatThrownBy(() -> create("/", longest + "n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The VirtualMFADeviceName must be at most 226 characters long.");
    }

    @Test
    void enableWithTwoConsecutiveCodesThenListGetDeactivateDelete()
    {
        Entity alice = support.createUser(MfaTestSupport.ACCOUNT, "alice");
        VirtualMFADevice device = create("/", "alice");
        byte[] seed = MfaBase32.decode(device.base32StringSeed().asUtf8String());
        enable("alice", device.serialNumber(), seed);

        ListMfaDevicesResponse listed = operations.listMfaDevices(support.root(), ListMfaDevicesRequest.builder().userName("alice").build());
        assertThat(listed.mfaDevices()).singleElement().satisfies(mfa -> {
            assertThat(mfa.userName()).isEqualTo("alice");
            assertThat(mfa.serialNumber()).isEqualTo(device.serialNumber());
            assertThat(mfa.enableDate()).isEqualTo(support.clock.instant());
        });
        assertThat(listed.isTruncated()).isFalse();

        // the user's own call without UserName
        Caller aliceCaller = new Caller(MfaTestSupport.ACCOUNT, "arn:aws:iam::123456789012:user/alice", alice.id(), Caller.PrincipalType.USER, "AKIAALICE00000000001");
        assertThat(operations.listMfaDevices(support.call(aliceCaller), ListMfaDevicesRequest.builder().build()).mfaDevices()).hasSize(1);
        assertThat(operations.listMfaDevices(support.root(), ListMfaDevicesRequest.builder().build()).mfaDevices()).isEmpty();

        GetMfaDeviceResponse got = operations.getMfaDevice(support.root(), GetMfaDeviceRequest.builder().serialNumber(device.serialNumber()).build());
        assertThat(got.userName()).isEqualTo("alice");
        assertThat(got.enableDate()).isEqualTo(support.clock.instant());

        ListVirtualMfaDevicesResponse assigned = operations.listVirtualMfaDevices(support.root(), ListVirtualMfaDevicesRequest.builder().assignmentStatus(AssignmentStatusType.ASSIGNED).build());
        assertThat(assigned.virtualMFADevices()).singleElement().satisfies(entry -> {
            assertThat(entry.user().userName()).isEqualTo("alice");
            assertThat(entry.user().userId()).isEqualTo(alice.id());
            assertThat(entry.user().arn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
            assertThat(entry.base32StringSeed()).isNull();
            assertThat(entry.qrCodePNG()).isNull();
        });
        assertThat(operations.listVirtualMfaDevices(support.root(), ListVirtualMfaDevicesRequest.builder().assignmentStatus(AssignmentStatusType.UNASSIGNED).build()).virtualMFADevices()).isEmpty();

        assertThatThrownBy(() -> operations.deleteVirtualMfaDevice(support.root(), DeleteVirtualMfaDeviceRequest.builder().serialNumber(device.serialNumber()).build()))
                .isInstanceOf(DeleteConflictException.class)
                .hasMessage("MFA device is already in use.");

        operations.deactivateMfaDevice(support.root(), DeactivateMfaDeviceRequest.builder().userName("alice").serialNumber(device.serialNumber()).build());
        assertThat(operations.listMfaDevices(support.root(), ListMfaDevicesRequest.builder().userName("alice").build()).mfaDevices()).isEmpty();
        assertThat(operations.listVirtualMfaDevices(support.root(), ListVirtualMfaDevicesRequest.builder().assignmentStatus(AssignmentStatusType.UNASSIGNED).build()).virtualMFADevices())
                .singleElement().satisfies(entry -> assertThat(entry.user()).isNull());

        operations.deleteVirtualMfaDevice(support.root(), DeleteVirtualMfaDeviceRequest.builder().serialNumber(device.serialNumber()).build());
        assertThat(operations.listVirtualMfaDevices(support.root(), ListVirtualMfaDevicesRequest.builder().build()).virtualMFADevices()).isEmpty();
        Optional<Entity> deleted = support.store.read(transaction -> transaction.entityByName(MfaTestSupport.ACCOUNT, EntityKinds.VIRTUAL_MFA_DEVICE, "alice"));
        assertThat(deleted).isEmpty();
    }

    @Test
    void enableRefusesWrongOrNonConsecutiveCodes()
    {
        support.createUser(MfaTestSupport.ACCOUNT, "bob");
        VirtualMFADevice device = create("/", "bob");
        byte[] seed = MfaBase32.decode(device.base32StringSeed().asUtf8String());
        long step = Totp.step(support.clock.instant());
        assertInvalidCode(() -> enableWith("bob", device.serialNumber(), Totp.generateForStep(seed, step), Totp.generateForStep(seed, step)));
        assertInvalidCode(() -> enableWith("bob", device.serialNumber(), Totp.generateForStep(seed, step - 2), Totp.generateForStep(seed, step)));
        assertInvalidCode(() -> enableWith("bob", device.serialNumber(), Totp.generateForStep(seed, step + 1), Totp.generateForStep(seed, step)));
        assertInvalidCode(() -> enableWith("bob", device.serialNumber(), Totp.generateForStep(seed, step - 10), Totp.generateForStep(seed, step - 9)));
        // consecutive codes one step on either side of now are accepted
        enableWith("bob", device.serialNumber(), Totp.generateForStep(seed, step), Totp.generateForStep(seed, step + 1));
    }

    @Test
    void enableErrors()
    {
        support.createUser(MfaTestSupport.ACCOUNT, "carol");
        support.createUser(MfaTestSupport.ACCOUNT, "dave");
        VirtualMFADevice device = create("/", "carol");
        byte[] seed = MfaBase32.decode(device.base32StringSeed().asUtf8String());
        assertThatThrownBy(() -> enable("nobody", device.serialNumber(), seed))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("The user with name nobody cannot be found.");
        assertThatThrownBy(() -> enable("carol", "arn:aws:iam::123456789012:mfa/missing", seed))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("VirtualMFADevice with serial number arn:aws:iam::123456789012:mfa/missing doesn't exist.");
        enable("carol", device.serialNumber(), seed);
        support.clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> enable("dave", device.serialNumber(), seed))
                .isInstanceOf(EntityAlreadyExistsException.class)
                .hasMessage("MFA Device is already in use.");
    }

    @Test
    void atMostEightDevicesPerUser()
    {
        support.createUser(MfaTestSupport.ACCOUNT, "erin");
        for (int index = 0; index < MfaOperations.MAX_DEVICES_PER_USER; index++) {
            VirtualMFADevice device = create("/", "erin-" + index);
            enable("erin", device.serialNumber(), MfaBase32.decode(device.base32StringSeed().asUtf8String()));
        }
        VirtualMFADevice ninth = create("/", "erin-9");
        assertThatThrownBy(() -> enable("erin", ninth.serialNumber(), MfaBase32.decode(ninth.base32StringSeed().asUtf8String())))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for MFADevicesPerUser: 8");
        ListMfaDevicesResponse firstPage = operations.listMfaDevices(support.root(), ListMfaDevicesRequest.builder().userName("erin").maxItems(5).build());
        assertThat(firstPage.mfaDevices()).hasSize(5);
        assertThat(firstPage.isTruncated()).isTrue();
        ListMfaDevicesResponse secondPage = operations.listMfaDevices(support.root(), ListMfaDevicesRequest.builder().userName("erin").maxItems(5).marker(firstPage.marker()).build());
        assertThat(secondPage.mfaDevices()).hasSize(3);
        assertThat(secondPage.isTruncated()).isFalse();
    }

    @Test
    void stsCodeCheckAcceptsEachCodeOnceAndOnlyForTheAssignedUser()
    {
        Entity frank = support.createUser(MfaTestSupport.ACCOUNT, "frank");
        Entity grace = support.createUser(MfaTestSupport.ACCOUNT, "grace");
        VirtualMFADevice device = create("/", "frank");
        byte[] seed = MfaBase32.decode(device.base32StringSeed().asUtf8String());
        enable("frank", device.serialNumber(), seed);
        assertThat(enabledSeed(MfaTestSupport.ACCOUNT, frank, device)).hasValue(seed);
        assertThat(enabledSeed(MfaTestSupport.ACCOUNT, grace, device)).isEmpty();
        assertThat(enabledSeed(MfaTestSupport.OTHER_ACCOUNT, frank, device)).isEmpty();

        // The codes used to enable are spent; the next step's code works once.
        String enableCode = Totp.generate(seed, support.clock.instant());
        assertThat(verify(frank, device, enableCode)).isFalse();
        support.clock.advance(Duration.ofSeconds(30));
        String next = Totp.generate(seed, support.clock.instant());
        assertThat(verify(grace, device, next)).isFalse();
        assertThat(verify(frank, device, next)).isTrue();
        assertThat(verify(frank, device, next)).isFalse();
        assertThat(verify(frank, device, "000000".equals(next) ? "111111" : "000000")).isFalse();
    }

    @Test
    void resyncLearnsTheDriftAndDeactivateChecksTheUser()
    {
        Entity heidi = support.createUser(MfaTestSupport.ACCOUNT, "heidi");
        support.createUser(MfaTestSupport.ACCOUNT, "ivan");
        VirtualMFADevice device = create("/", "heidi");
        byte[] seed = MfaBase32.decode(device.base32StringSeed().asUtf8String());
        enable("heidi", device.serialNumber(), seed);
        support.clock.advance(Duration.ofSeconds(600));
        // The device runs five minutes slow.
        long deviceStep = Totp.step(support.clock.instant()) - 10;
        assertThatThrownBy(() -> operations.resyncMfaDevice(support.root(), resync("heidi", device.serialNumber(), "123456", "654321")))
                .isInstanceOf(InvalidAuthenticationCodeException.class);
        operations.resyncMfaDevice(support.root(), resync("heidi", device.serialNumber(), Totp.generateForStep(seed, deviceStep - 1), Totp.generateForStep(seed, deviceStep)));
        support.clock.advance(Duration.ofSeconds(30));
        assertThat(verify(heidi, device, Totp.generateForStep(seed, deviceStep + 1))).isTrue();

        assertThatThrownBy(() -> operations.resyncMfaDevice(support.root(), resync("ivan", device.serialNumber(), "123456", "654321")))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("MFA Device with serial number " + device.serialNumber() + " does not exist.");
        assertThatThrownBy(() -> operations.deactivateMfaDevice(support.root(), DeactivateMfaDeviceRequest.builder().userName("ivan").serialNumber(device.serialNumber()).build()))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("MFA Device with serial number " + device.serialNumber() + " does not exist.");
        assertThatThrownBy(() -> operations.getMfaDevice(support.root(), GetMfaDeviceRequest.builder().userName("ivan").serialNumber(device.serialNumber()).build()))
                .isInstanceOf(NoSuchEntityException.class);
        // Without UserName the device's own user
        operations.deactivateMfaDevice(support.root(), DeactivateMfaDeviceRequest.builder().serialNumber(device.serialNumber()).build());
        assertThatThrownBy(() -> operations.deactivateMfaDevice(support.root(), DeactivateMfaDeviceRequest.builder().serialNumber(device.serialNumber()).build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(enabledSeed(MfaTestSupport.ACCOUNT, heidi, device)).isEmpty();
    }

    @Test
    void listVirtualMfaDevicesPagesAndFilters()
    {
        support.createUser(MfaTestSupport.ACCOUNT, "judy");
        List<VirtualMFADevice> devices = new ArrayList<>();
        for (int index = 0; index < 7; index++) {
            devices.add(create("/", "device-" + index));
        }
        enable("judy", devices.get(3).serialNumber(), MfaBase32.decode(devices.get(3).base32StringSeed().asUtf8String()));
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            ListVirtualMfaDevicesResponse page = operations.listVirtualMfaDevices(support.root(), ListVirtualMfaDevicesRequest.builder()
                    .assignmentStatus(AssignmentStatusType.UNASSIGNED).maxItems(2).marker(marker).build());
            assertThat(page.virtualMFADevices().size()).isLessThanOrEqualTo(2);
            page.virtualMFADevices().forEach(device -> seen.add(device.serialNumber()));
            marker = page.isTruncated() ? page.marker() : null;
        }
        while (marker != null);
        assertThat(seen).containsExactly(
                devices.get(0).serialNumber(), devices.get(1).serialNumber(), devices.get(2).serialNumber(),
                devices.get(4).serialNumber(), devices.get(5).serialNumber(), devices.get(6).serialNumber());
        assertThat(operations.listVirtualMfaDevices(support.root(), ListVirtualMfaDevicesRequest.builder().build()).virtualMFADevices()).hasSize(7);
        assertThat(operations.listVirtualMfaDevices(support.otherRoot(), ListVirtualMfaDevicesRequest.builder().build()).virtualMFADevices()).isEmpty();
    }

    @Test
    void tags()
    {
        VirtualMFADevice device = operations.createVirtualMfaDevice(support.root(), CreateVirtualMfaDeviceRequest.builder()
                .virtualMFADeviceName("tagged").tags(Tag.builder().key("team").value("a").build()).build()).virtualMFADevice();
        assertThat(device.tags()).containsExactly(Tag.builder().key("team").value("a").build());
        assertThat(operations.listVirtualMfaDevices(support.root(), ListVirtualMfaDevicesRequest.builder().build()).virtualMFADevices())
                .singleElement().satisfies(entry -> assertThat(entry.hasTags()).isFalse());
        operations.tagMfaDevice(support.root(), TagMfaDeviceRequest.builder().serialNumber(device.serialNumber())
                .tags(Tag.builder().key("TEAM").value("b").build(), Tag.builder().key("cost").value("1").build()).build());
        ListMfaDeviceTagsResponse tags = operations.listMfaDeviceTags(support.root(), ListMfaDeviceTagsRequest.builder().serialNumber(device.serialNumber()).build());
        assertThat(tags.tags()).containsExactly(Tag.builder().key("TEAM").value("b").build(), Tag.builder().key("cost").value("1").build());
        operations.untagMfaDevice(support.root(), UntagMfaDeviceRequest.builder().serialNumber(device.serialNumber()).tagKeys("team").build());
        assertThat(operations.listMfaDeviceTags(support.root(), ListMfaDeviceTagsRequest.builder().serialNumber(device.serialNumber()).build()).tags())
                .containsExactly(Tag.builder().key("cost").value("1").build());

        assertThatThrownBy(() -> operations.tagMfaDevice(support.root(), TagMfaDeviceRequest.builder().serialNumber(device.serialNumber())
                .tags(Tag.builder().key("k").value("1").build(), Tag.builder().key("K").value("2").build()).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        List<Tag> many = new ArrayList<>();
        for (int index = 0; index < 50; index++) {
            many.add(Tag.builder().key("key" + index).value("v").build());
        }
        assertThatThrownBy(() -> operations.tagMfaDevice(support.root(), TagMfaDeviceRequest.builder().serialNumber(device.serialNumber()).tags(many).build()))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> operations.listMfaDeviceTags(support.otherRoot(), ListMfaDeviceTagsRequest.builder().serialNumber(device.serialNumber()).build()))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("VirtualMFADevice with serial number " + device.serialNumber() + " doesn't exist.");
    }

    @Test
    void otherAccountsDevicesAreInvisible()
    {
        VirtualMFADevice device = create("/", "mine");
        assertThatThrownBy(() -> operations.deleteVirtualMfaDevice(support.otherRoot(), DeleteVirtualMfaDeviceRequest.builder().serialNumber(device.serialNumber()).build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> operations.deleteVirtualMfaDevice(support.root(), DeleteVirtualMfaDeviceRequest.builder().serialNumber("GAHT12345678").build()))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("VirtualMFADevice with serial number GAHT12345678 doesn't exist.");
    }

    private Optional<byte[]> enabledSeed(String accountId, Entity user, VirtualMFADevice device)
    {
        return support.store.read(transaction -> MfaDevices.enabledSeed(transaction, accountId, user.id(), device.serialNumber()));
    }

    private boolean verify(Entity user, VirtualMFADevice device, String code)
    {
        return support.store.write(transaction -> MfaDevices.verifyAndUseCode(transaction, MfaTestSupport.ACCOUNT, user.id(), device.serialNumber(), code, support.clock.instant()));
    }

    private VirtualMFADevice create(String path, String name)
    {
        return operations.createVirtualMfaDevice(support.root(), CreateVirtualMfaDeviceRequest.builder().path(path).virtualMFADeviceName(name).build()).virtualMFADevice();
    }

    private void enable(String userName, String serialNumber, byte[] seed)
    {
        long step = Totp.step(support.clock.instant());
        enableWith(userName, serialNumber, Totp.generateForStep(seed, step - 1), Totp.generateForStep(seed, step));
    }

    private void enableWith(String userName, String serialNumber, String first, String second)
    {
        operations.enableMfaDevice(support.root(), EnableMfaDeviceRequest.builder()
                .userName(userName).serialNumber(serialNumber).authenticationCode1(first).authenticationCode2(second).build());
    }

    private static ResyncMfaDeviceRequest resync(String userName, String serialNumber, String first, String second)
    {
        return ResyncMfaDeviceRequest.builder().userName(userName).serialNumber(serialNumber).authenticationCode1(first).authenticationCode2(second).build();
    }

    private static void assertInvalidCode(Runnable call)
    {
        assertThatThrownBy(call::run)
                .isInstanceOf(InvalidAuthenticationCodeException.class)
                .hasMessage("Authentication code for device is not valid.");
    }
}
