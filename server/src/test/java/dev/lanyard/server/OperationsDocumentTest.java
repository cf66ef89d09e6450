package dev.lanyard.server;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.OperationModel;
import dev.lanyard.protocol.ServiceCatalog;
import dev.lanyard.protocol.model.ModelTables;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/operations.md is generated from the service models and the registered handlers; this test fails when the document
 * is stale. Regenerate with {@code ./mvnw -pl server test -Dtest=OperationsDocumentTest -Dlanyard.writeDocs=true}.
 */
class OperationsDocumentTest
{
    private static final Path DOCUMENT = Path.of("..", "docs", "operations.md");
    // EC2 has hundreds of operations outside Lanyard's scope; only its implemented ones are listed one by one.
    private static final Set<AwsService> LISTED_IN_FULL = Set.of(AwsService.IAM, AwsService.STS, AwsService.AUTOSCALING, AwsService.EMR);

    @Test
    void documentMatchesTheImplementation()
            throws IOException
    {
        String expected = render(implementedOperations());
        if (Boolean.getBoolean("lanyard.writeDocs")) {
            Files.writeString(DOCUMENT, expected);
        }
        assertThat(Files.readString(DOCUMENT)).as("docs/operations.md is stale; see this test's comment").isEqualTo(expected);
    }

    @Test
    void everyIamOperationOfTheModelHasAHandler()
            throws IOException
    {
        Set<Class<? extends SdkRequest>> implemented = implementedOperations();
        List<String> missing = new ModelTables().operationNames(AwsService.IAM).stream()
                .filter(name -> !isImplemented(AwsService.IAM, name, implemented))
                .toList();
        assertThat(missing).as("IAM operations of the service model without a handler").isEmpty();
    }

    private static Set<Class<? extends SdkRequest>> implementedOperations()
            throws IOException
    {
        Path dataDirectory = Files.createTempDirectory("lanyard-operations-");
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDirectory, "123456789012", "us-east-1", AuthMode.STRICT,
                Optional.of(new RootCredentials("123456789012", "AKIAOPERATIONSDOC001", "operationsDocumentSecret")));
        try (LanyardServer server = LanyardServer.start(config, Map.of(), Clock.systemUTC())) {
            return Set.copyOf(server.operations().requestClasses());
        }
    }

    private static String render(Set<Class<? extends SdkRequest>> implemented)
    {
        ModelTables tables = new ModelTables();
        StringBuilder document = new StringBuilder();
        document.append("# Operations\n\n")
                .append("Generated from botocore's service models and the registered handlers by `OperationsDocumentTest`; do not edit.\n")
                .append("A modelled operation without a handler answers `NotImplemented` (HTTP 400) after its request was validated.\n\n")
                .append("| service | modelled | implemented |\n|---|---:|---:|\n");
        for (AwsService service : AwsService.values()) {
            List<String> names = tables.operationNames(service);
            long count = names.stream().filter(name -> isImplemented(service, name, implemented)).count();
            document.append("| ").append(service.signingName()).append(" | ").append(names.size()).append(" | ").append(count).append(" |\n");
        }
        for (AwsService service : AwsService.values()) {
            List<String> names = tables.operationNames(service).stream().sorted().toList();
            document.append("\n## ").append(service.signingName()).append("\n\n");
            List<String> listed = LISTED_IN_FULL.contains(service) ? names : names.stream().filter(name -> isImplemented(service, name, implemented)).toList();
            if (listed.isEmpty()) {
                document.append("None implemented yet.\n");
                continue;
            }
            document.append(listed.stream()
                    .map(name -> "- " + name + (isImplemented(service, name, implemented) ? " — implemented" : " — not yet"))
                    .collect(Collectors.joining("\n", "", "\n")));
        }
        return document.toString();
    }

    private static boolean isImplemented(AwsService service, String name, Set<Class<? extends SdkRequest>> implemented)
    {
        return ServiceCatalog.operation(service, name).map(OperationModel::requestClass).filter(implemented::contains).isPresent();
    }
}
