package dev.lanyard.services.iam;

import dev.lanyard.services.iam.TrustPolicyPrincipals.StoredPrincipal;
import dev.lanyard.store.Entity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustPolicyPrincipalsTest
{
    private final RoleTestSupport support = new RoleTestSupport();

    @AfterEach
    void close()
    {
        support.close();
    }

    @Test
    void rewritesOnlyAwsPrincipalStringsAndKeepsTheRestOfTheText()
    {
        String document = "{ \"Statement\" : [ {\"Sid\": \"arn:aws:iam::123456789012:user/x\", \"Principal\" : {\"Service\": \"ec2.amazonaws.com\", \"AWS\" : \"a\"}},"
                + " {\"NotPrincipal\": {\"AWS\": [\"b\", 7, {\"nested\": \"c\"}, \"d\\\"e\"]}, \"Condition\": {\"StringEquals\": {\"aws:PrincipalArn\": \"f\"}}},"
                + " {\"Principal\": \"*\"} ] }";
        List<String> seen = new ArrayList<>();
        String rewritten = TrustPolicyPrincipals.rewrite(document, value -> {
            seen.add(value);
            return value.equals("a") ? "A\u00e9\"" : value;
        });
        assertThat(seen).containsExactly("a", "b", "d\"e");
        assertThat(rewritten).isEqualTo(document.replace("\"AWS\" : \"a\"", "\"AWS\" : \"A\u00e9\\\"\""));
        assertThat(TrustPolicyPrincipals.rewrite("not json", value -> "x")).isEqualTo("not json");
        assertThat(TrustPolicyPrincipals.rewrite("[\"AWS\"]", value -> "x")).isEqualTo("[\"AWS\"]");
    }

    @Test
    void bindsUsersAndRolesOfAnyAccountAndLeavesOtherPrincipalsAlone()
    {
        Entity user = support.insertUser(RoleTestSupport.OTHER_ACCOUNT, "/a/b/", "Erin");
        String document = RoleOperationsTest.trustingAws("arn:aws:iam::210987654321:user/a/b/erin", "arn:aws:iam::210987654321:user/a/b/erin",
                "*", "123456789012", "arn:aws:iam::123456789012:root", "arn:aws:sts::123456789012:assumed-role/Role/session", "AROAAAAAAAAAAAAAAAAAA");
        List<StoredPrincipal> bound = support.store.read(transaction -> TrustPolicyPrincipals.bind(transaction, document));
        assertThat(bound).containsExactly(new StoredPrincipal("arn:aws:iam::210987654321:user/a/b/erin", RoleTestSupport.OTHER_ACCOUNT, EntityKinds.USER, user.id()));
        // Shown with the entity's own spelling of its name.
        String shown = support.store.read(transaction -> TrustPolicyPrincipals.display(transaction, document, bound));
        assertThat(shown).isEqualTo(RoleOperationsTest.trustingAws("arn:aws:iam::210987654321:user/a/b/Erin", "arn:aws:iam::210987654321:user/a/b/Erin",
                "*", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root", "arn:aws:sts::123456789012:assumed-role/Role/session", "AROAAAAAAAAAAAAAAAAAA"));
    }

    @Test
    void refusesWhatIsNotAPrincipal()
    {
        for (String principal : List.of("", "12345", "arn:aws:iam::123456789012:user/", "arn:aws:iam::123456789012:user/*", "arn:aws:s3:::bucket", "ACCOUNT")) {
            assertThatThrownBy(() -> support.store.read(transaction -> TrustPolicyPrincipals.bind(transaction, RoleOperationsTest.trustingAws(principal))))
                    .as(principal)
                    .isInstanceOf(MalformedPolicyDocumentException.class)
                    .hasMessage("Invalid principal in policy: \"AWS\":\"" + principal + "\"");
        }
        List<StoredPrincipal> none = support.store.read(transaction -> TrustPolicyPrincipals.bind(transaction, RoleOperationsTest.EC2_TRUST));
        assertThat(none).isEmpty();
    }
}
