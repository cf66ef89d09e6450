package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.StoreException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.GetMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.InvalidAuthenticationCodeException;
import software.amazon.awssdk.services.iam.model.ListMfaDeviceTagsRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDeviceTagsResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ResyncMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.ResyncMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.TagMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.UntagMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.UntagMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/** IAM: virtual MFA devices. See {@link MfaDevices} for the storage layout and what STS uses. */
public final class MfaOperations
{
    /** AWS allows up to eight MFA devices of any type per user. */
    public static final int MAX_DEVICES_PER_USER = 8;
    public static final int MAX_DEVICE_NAME_LENGTH = 226;
    /** ResyncMFADevice looks this many steps either side of now for the two codes (10 minutes each way). */
    static final int RESYNC_WINDOW_STEPS = 20;
    private static final int SEED_BYTES = 20;
    private static final String ISSUER = "Lanyard";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IamContext context;

    public MfaOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(CreateVirtualMfaDeviceRequest.class, this::createVirtualMfaDevice);
        registry.register(EnableMfaDeviceRequest.class, this::enableMfaDevice);
        registry.register(ResyncMfaDeviceRequest.class, this::resyncMfaDevice);
        registry.register(DeactivateMfaDeviceRequest.class, this::deactivateMfaDevice);
        registry.register(DeleteVirtualMfaDeviceRequest.class, this::deleteVirtualMfaDevice);
        registry.register(ListMfaDevicesRequest.class, this::listMfaDevices);
        registry.register(ListVirtualMfaDevicesRequest.class, this::listVirtualMfaDevices);
        registry.register(GetMfaDeviceRequest.class, this::getMfaDevice);
        registry.register(TagMfaDeviceRequest.class, this::tagMfaDevice);
        registry.register(UntagMfaDeviceRequest.class, this::untagMfaDevice);
        registry.register(ListMfaDeviceTagsRequest.class, this::listMfaDeviceTags);
    }

    CreateVirtualMfaDeviceResponse createVirtualMfaDevice(CallContext call, CreateVirtualMfaDeviceRequest request)
    {
        String accountId = call.caller().accountId();
        String path = request.path() == null ? "/" : request.path();
        String name = request.virtualMFADeviceName();
        if (name.length() > MAX_DEVICE_NAME_LENGTH) {
            // The model sets no maximum; AWS documents 226, and the QR code must hold the name.
            throw IamErrors.invalidInput("The VirtualMFADeviceName must be at most " + MAX_DEVICE_NAME_LENGTH + " characters long.");
        }
        List<StoredTag> tags = EntityTags.fromRequest(request.tags(), EntityTags.Taggable.MFA_DEVICE);
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        Instant now = context.clock().instant();
        Entity device = Entity.create(accountId, EntityKinds.VIRTUAL_MFA_DEVICE, IamIds.random(21), name, path,
                EntityJson.write(new MfaDevices.Body(null, null, 0, null, tags)), now);
        context.store().write(transaction -> {
            try {
                transaction.insertEntity(device);
            }
            catch (StoreException.Conflict duplicate) {
                throw EntityAlreadyExistsException.builder().message("MFADevice entity at the same path and name already exists.").build();
            }
            transaction.putSecret(accountId, device.id(), MfaDevices.SEED_PURPOSE, seed);
            return null;
        });

        String base32 = MfaBase32.encode(seed);
        // The label authenticator apps show; AWS's console uses "Amazon Web Services:NAME@ACCOUNT".
        String uri = "otpauth://totp/" + ISSUER + ":" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "@" + accountId
                + "?secret=" + base32 + "&issuer=" + ISSUER;
        byte[] png = QrCodePng.render(QrCode.encode(uri.getBytes(StandardCharsets.UTF_8), QrCode.ErrorCorrection.MEDIUM), 4, 4);
        VirtualMFADevice.Builder result = VirtualMFADevice.builder()
                .serialNumber(MfaDevices.serialNumber(device))
                // A blob on the wire (base64); its content is the base32 text, as AWS sends it.
                .base32StringSeed(SdkBytes.fromUtf8String(base32))
                .qrCodePNG(SdkBytes.fromByteArray(png));
        if (!tags.isEmpty()) {
            result.tags(EntityTags.toSdk(tags));
        }
        return CreateVirtualMfaDeviceResponse.builder().virtualMFADevice(result.build()).build();
    }

    EnableMfaDeviceResponse enableMfaDevice(CallContext call, EnableMfaDeviceRequest request)
    {
        String accountId = call.caller().accountId();
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            Entity user = user(transaction, accountId, request.userName());
            Entity device = MfaDevices.deviceBySerial(transaction, accountId, request.serialNumber())
                    .orElseThrow(() -> noSuchDevice(request.serialNumber()));
            MfaDevices.Body body = MfaDevices.body(device);
            if (body.assigned()) {
                throw EntityAlreadyExistsException.builder().message("MFA Device is already in use.").build();
            }
            if (transaction.linksFrom(accountId, MfaDevices.USER_HAS_MFA_DEVICE, user.id()).size() >= MAX_DEVICES_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for MFADevicesPerUser: " + MAX_DEVICES_PER_USER);
            }
            byte[] seed = seed(transaction, device);
            // Two consecutive codes, the second of the current step or one either side of it.
            long secondStep = consecutiveCodes(seed, request.authenticationCode1(), request.authenticationCode2(), now, VerifyWindow.ENABLE)
                    .orElseThrow(MfaOperations::invalidCode);
            MfaDevices.Body enabled = body.withAssignment(user.id(), now.toString()).withCodeUse(0, secondStep);
            transaction.updateEntity(device.withBody(EntityJson.write(enabled)));
            transaction.insertLink(new Link(accountId, MfaDevices.USER_HAS_MFA_DEVICE, user.id(), device.id()));
            return null;
        });
        return EnableMfaDeviceResponse.builder().build();
    }

    ResyncMfaDeviceResponse resyncMfaDevice(CallContext call, ResyncMfaDeviceRequest request)
    {
        String accountId = call.caller().accountId();
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            Entity user = user(transaction, accountId, request.userName());
            Entity device = assignedDevice(transaction, accountId, request.serialNumber(), Optional.of(user));
            MfaDevices.Body body = MfaDevices.body(device);
            long secondStep = consecutiveCodes(seed(transaction, device), request.authenticationCode1(), request.authenticationCode2(), now, VerifyWindow.RESYNC)
                    .orElseThrow(MfaOperations::invalidCode);
            // The device's clock is where its second code is: remember the offset so later codes are looked for there.
            long drift = secondStep - Totp.step(now);
            transaction.updateEntity(device.withBody(EntityJson.write(body.withCodeUse(drift, secondStep))));
            return null;
        });
        return ResyncMfaDeviceResponse.builder().build();
    }

    DeactivateMfaDeviceResponse deactivateMfaDevice(CallContext call, DeactivateMfaDeviceRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Optional<Entity> user = request.userName() == null ? Optional.empty() : Optional.of(user(transaction, accountId, request.userName()));
            Entity device = assignedDevice(transaction, accountId, request.serialNumber(), user);
            MfaDevices.Body body = MfaDevices.body(device);
            transaction.deleteLink(new Link(accountId, MfaDevices.USER_HAS_MFA_DEVICE, body.userId(), device.id()));
            // Deactivation unassigns the device; its seed stays, so it can be enabled again (for the same or another user).
            transaction.updateEntity(device.withBody(EntityJson.write(body.withAssignment(null, null).withCodeUse(0, body.lastUsedStep()))));
            return null;
        });
        return DeactivateMfaDeviceResponse.builder().build();
    }

    DeleteVirtualMfaDeviceResponse deleteVirtualMfaDevice(CallContext call, DeleteVirtualMfaDeviceRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity device = MfaDevices.deviceBySerial(transaction, accountId, request.serialNumber())
                    .orElseThrow(() -> noSuchDevice(request.serialNumber()));
            if (MfaDevices.body(device).assigned()) {
                throw IamErrors.deleteConflict("MFA device is already in use.");
            }
            transaction.deleteSecret(accountId, device.id(), MfaDevices.SEED_PURPOSE);
            transaction.deleteEntity(accountId, EntityKinds.VIRTUAL_MFA_DEVICE, device.id());
            return null;
        });
        return DeleteVirtualMfaDeviceResponse.builder().build();
    }

    ListMfaDevicesResponse listMfaDevices(CallContext call, ListMfaDevicesRequest request)
    {
        Caller caller = call.caller();
        String accountId = caller.accountId();
        List<MFADevice> devices = context.store().read(transaction -> {
            Entity user;
            if (request.userName() != null) {
                user = user(transaction, accountId, request.userName());
            }
            else {
                // Without UserName the caller's own devices: an IAM user's (found by its unique id); none for others.
                Optional<Entity> self = caller.type() == Caller.PrincipalType.USER
                        ? transaction.entityById(accountId, EntityKinds.USER, caller.userId())
                        : Optional.empty();
                if (self.isEmpty()) {
                    return List.<MFADevice>of();
                }
                user = self.get();
            }
            List<MFADevice> result = new ArrayList<>();
            for (Link link : transaction.linksFrom(accountId, MfaDevices.USER_HAS_MFA_DEVICE, user.id())) {
                transaction.entityById(accountId, EntityKinds.VIRTUAL_MFA_DEVICE, link.toId()).ifPresent(device -> result.add(MFADevice.builder()
                        .userName(user.name())
                        .serialNumber(MfaDevices.serialNumber(device))
                        .enableDate(Instant.parse(MfaDevices.body(device).enableDate()))
                        .build()));
            }
            result.sort(Comparator.comparing(MFADevice::serialNumber));
            return result;
        });
        String after = IamPaging.afterName(request.marker());
        List<MFADevice> remaining = devices.stream().filter(device -> after == null || device.serialNumber().compareTo(after) > 0).toList();
        IamPaging.Page<MFADevice> page = IamPaging.page(remaining, request.maxItems(), MFADevice::serialNumber);
        return ListMfaDevicesResponse.builder()
                .mfaDevices(page.items())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    ListVirtualMfaDevicesResponse listVirtualMfaDevices(CallContext call, ListVirtualMfaDevicesRequest request)
    {
        String accountId = call.caller().accountId();
        AssignmentStatusType status = request.assignmentStatus() == null ? AssignmentStatusType.ANY : request.assignmentStatus();
        int wanted = IamPaging.fetchSize(request.maxItems());
        List<VirtualMFADevice> fetched = context.store().read(transaction -> {
            // Pages of the name index, filtered by assignment, until one more than a page is found or the index ends.
            List<VirtualMFADevice> result = new ArrayList<>();
            String after = IamPaging.afterName(request.marker());
            while (result.size() < wanted) {
                List<Entity> batch = transaction.entities(accountId, EntityKinds.VIRTUAL_MFA_DEVICE, null, after, wanted);
                for (Entity device : batch) {
                    MfaDevices.Body body = MfaDevices.body(device);
                    boolean included = switch (status) {
                        case ASSIGNED -> body.assigned();
                        case UNASSIGNED -> !body.assigned();
                        case ANY, UNKNOWN_TO_SDK_VERSION -> true;
                    };
                    if (included && result.size() < wanted) {
                        result.add(listEntry(transaction, device, body));
                    }
                }
                if (batch.size() < wanted) {
                    break;
                }
                after = batch.get(batch.size() - 1).name();
            }
            return result;
        });
        IamPaging.Page<VirtualMFADevice> page = IamPaging.page(fetched, request.maxItems(), MfaOperations::deviceName);
        return ListVirtualMfaDevicesResponse.builder()
                .virtualMFADevices(page.items())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    GetMfaDeviceResponse getMfaDevice(CallContext call, GetMfaDeviceRequest request)
    {
        String accountId = call.caller().accountId();
        return context.store().read(transaction -> {
            Optional<Entity> user = request.userName() == null ? Optional.empty() : Optional.of(user(transaction, accountId, request.userName()));
            Entity device = assignedDevice(transaction, accountId, request.serialNumber(), user);
            MfaDevices.Body body = MfaDevices.body(device);
            Entity owner = user.orElseGet(() -> transaction.entityById(accountId, EntityKinds.USER, body.userId())
                    .orElseThrow(() -> noSuchDevice(request.serialNumber())));
            return GetMfaDeviceResponse.builder()
                    .userName(owner.name())
                    .serialNumber(MfaDevices.serialNumber(device))
                    .enableDate(Instant.parse(body.enableDate()))
                    .build();
        });
    }

    TagMfaDeviceResponse tagMfaDevice(CallContext call, TagMfaDeviceRequest request)
    {
        updateTags(call, request.serialNumber(), tags -> EntityTags.merge(tags, request.tags(), EntityTags.Taggable.MFA_DEVICE));
        return TagMfaDeviceResponse.builder().build();
    }

    UntagMfaDeviceResponse untagMfaDevice(CallContext call, UntagMfaDeviceRequest request)
    {
        updateTags(call, request.serialNumber(), tags -> EntityTags.remove(tags, request.tagKeys()));
        return UntagMfaDeviceResponse.builder().build();
    }

    ListMfaDeviceTagsResponse listMfaDeviceTags(CallContext call, ListMfaDeviceTagsRequest request)
    {
        String accountId = call.caller().accountId();
        List<StoredTag> tags = context.store().read(transaction -> MfaDevices.body(MfaDevices.deviceBySerial(transaction, accountId, request.serialNumber())
                .orElseThrow(() -> noSuchDevice(request.serialNumber()))).tags());
        IamPaging.Page<Tag> page = EntityTags.page(tags, request.marker(), request.maxItems());
        return ListMfaDeviceTagsResponse.builder().tags(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    private void updateTags(CallContext call, String serialNumber, UnaryOperator<List<StoredTag>> change)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity device = MfaDevices.deviceBySerial(transaction, accountId, serialNumber).orElseThrow(() -> noSuchDevice(serialNumber));
            MfaDevices.Body body = MfaDevices.body(device);
            transaction.updateEntity(device.withBody(EntityJson.write(body.withTags(change.apply(body.tags())))));
            return null;
        });
    }

    private VirtualMFADevice listEntry(ReadTransaction transaction, Entity device, MfaDevices.Body body)
    {
        VirtualMFADevice.Builder entry = VirtualMFADevice.builder().serialNumber(MfaDevices.serialNumber(device));
        if (body.assigned()) {
            entry.enableDate(Instant.parse(body.enableDate()));
            transaction.entityById(device.accountId(), EntityKinds.USER, body.userId()).ifPresent(user -> entry.user(userShape(user)));
        }
        // Like every IAM listing, no tags: AWS documents that ListMFADeviceTags is the way to them.
        return entry.build();
    }

    /** The User shape from what every user entity has (name, id, path, creation time), whatever else its body holds. */
    private static User userShape(Entity user)
    {
        return User.builder()
                .path(user.path())
                .userName(user.name())
                .userId(user.id())
                .arn(IamArns.user(user.accountId(), user.path(), user.name()))
                .createDate(user.createdAt())
                .build();
    }

    private static String deviceName(VirtualMFADevice device)
    {
        return device.serialNumber().substring(device.serialNumber().lastIndexOf('/') + 1);
    }

    private static Entity user(ReadTransaction transaction, String accountId, String userName)
    {
        return transaction.entityByName(accountId, EntityKinds.USER, userName)
                .orElseThrow(() -> IamErrors.noSuchEntity("user", userName));
    }

    /** The device with this serial number, assigned (to {@code user} when given). */
    private static Entity assignedDevice(ReadTransaction transaction, String accountId, String serialNumber, Optional<Entity> user)
    {
        Entity device = MfaDevices.deviceBySerial(transaction, accountId, serialNumber).orElseThrow(() -> noSuchDevice(serialNumber));
        MfaDevices.Body body = MfaDevices.body(device);
        if (!body.assigned() || (user.isPresent() && !user.get().id().equals(body.userId()))) {
            throw IamErrors.noSuchEntity("MFA Device with serial number " + serialNumber + " does not exist.");
        }
        return device;
    }

    private static byte[] seed(ReadTransaction transaction, Entity device)
    {
        return transaction.secret(device.accountId(), device.id(), MfaDevices.SEED_PURPOSE)
                .orElseThrow(() -> new IllegalStateException("MFA device " + device.id() + " has no seed"));
    }

    enum VerifyWindow
    {
        ENABLE(1),
        RESYNC(RESYNC_WINDOW_STEPS);

        private final int steps;

        VerifyWindow(int steps)
        {
            this.steps = steps;
        }
    }

    /** The step of the second code when the two codes are of consecutive steps, the second within the window of now. */
    static OptionalLong consecutiveCodes(byte[] seed, String first, String second, Instant now, VerifyWindow window)
    {
        long current = Totp.step(now);
        for (long step = current - window.steps; step <= current + window.steps; step++) {
            if (Totp.generateForStep(seed, step).equals(second) && Totp.generateForStep(seed, step - 1).equals(first)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private static NoSuchEntityException noSuchDevice(String serialNumber)
    {
        return IamErrors.noSuchEntity("VirtualMFADevice with serial number " + serialNumber + " doesn't exist.");
    }

    private static InvalidAuthenticationCodeException invalidCode()
    {
        return InvalidAuthenticationCodeException.builder().message("Authentication code for device is not valid.").build();
    }
}
