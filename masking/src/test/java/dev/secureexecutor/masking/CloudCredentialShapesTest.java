package dev.secureexecutor.masking;

import static dev.secureexecutor.masking.Streams.streamed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Cloud credentials a job obtains at run time, masked with no list of secrets. Every value here is the providers'
 * documented example or obviously fake test data. Each case is checked whole and split at every byte.
 */
class CloudCredentialShapesTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String TEMP_KEY_ID = "ASIAEXAMPLE234567ABC";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String SESSION = "FwoGZXIvYXdzEXAMPLE//////////wEaDFAKE+TEST/SESSION=";
    private final Masker rules = Masker.rulesOnly();

    private void check(String expected, String input) {
        assertEquals(expected, rules.mask(input), "whole");
        for (int cut = 0; cut <= input.length(); cut++) {
            assertEquals(expected, streamed(rules, input.substring(0, cut), input.substring(cut)), "split " + cut);
        }
    }

    @Test
    void awsAccessKeyIdsLongTermAndTemporary() {
        check("id [MASKED] and [MASKED].", "id " + KEY_ID + " and " + TEMP_KEY_ID + ".");
        check("AKIA-short AKIAIOSFODNN7EXAMP1E ASIA", "AKIA-short AKIAIOSFODNN7EXAMP1E ASIA");
    }

    @Test
    void stsAssumeRoleWithWebIdentityJsonResponse() {
        String json = "{\"Credentials\": {\"AccessKeyId\": \"" + TEMP_KEY_ID + "\", \"SecretAccessKey\": \"" + SECRET
                + "\", \"SessionToken\": \"" + SESSION + "\", \"Expiration\": \"2026-12-04T17:00:00Z\"}}";
        check(
                "{\"Credentials\": {\"AccessKeyId\": \"[MASKED]\", \"SecretAccessKey\": \"[MASKED]\","
                        + " \"SessionToken\": \"[MASKED]\", \"Expiration\": \"2026-12-04T17:00:00Z\"}}",
                json);
    }

    @Test
    void exportCredentialsProcessJsonAndEnvForms() {
        check(
                "{\"Version\": 1, \"AccessKeyId\": \"[MASKED]\", \"SecretAccessKey\":\"[MASKED]\"}",
                "{\"Version\": 1, \"AccessKeyId\": \"" + KEY_ID + "\", \"SecretAccessKey\":\"" + SECRET + "\"}");
        check(
                "export AWS_SECRET_ACCESS_KEY=[MASKED]\nexport AWS_SESSION_TOKEN=[MASKED]\n",
                "export AWS_SECRET_ACCESS_KEY=" + SECRET + "\nexport AWS_SESSION_TOKEN=" + SESSION + "\n");
    }

    @Test
    void iniAndXmlForms() {
        check(
                "[default]\naws_access_key_id = [MASKED]\naws_secret_access_key = [MASKED]\n"
                        + "aws_session_token=[MASKED]\n",
                "[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET
                        + "\naws_session_token=" + SESSION + "\n");
        check("<SecretAccessKey>[MASKED]</SecretAccessKey>", "<SecretAccessKey>" + SECRET + "</SecretAccessKey>");
    }

    @Test
    void gcpServiceAccountPrivateKeyAndAzureClientSecret() {
        String pem = "-----BEGIN PRIVATE KEY-----\\nTESTONLYnotARealKey0123456789\\n-----END PRIVATE KEY-----\\n";
        check(
                "{\"type\": \"service_account\", \"private_key_id\": \"abc123\", \"private_key\": \"[MASKED]\"}",
                "{\"type\": \"service_account\", \"private_key_id\": \"abc123\", \"private_key\": \"" + pem + "\"}");
        check(
                "{\"clientSecret\": \"[MASKED]\"} client_secret=[MASKED] AZURE_CLIENT_SECRET='[MASKED]'",
                "{\"clientSecret\": \"Fake~Test.Secret_1\"} client_secret=fake-test-2&x"
                        + " AZURE_CLIENT_SECRET='fake test 3'");
        check("\"private_key\": \"\", session_token: [MASKED]", "\"private_key\": \"\", session_token: x");
    }

    @Test
    void escapedQuoteStaysInsideADoubleQuotedValue() {
        check("\"SessionToken\": \"[MASKED]\" tail", "\"SessionToken\": \"a\\\"b\\\\\" tail");
    }

    @Test
    void pemPrivateKeyBlocksAreMaskedWholeAndCertificatesAreNot() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nTESTONLY+notA/realKey==\nAAAA\n-----END RSA PRIVATE KEY-----";
        check("before\n[MASKED]\nafter", "before\n" + key + "\nafter");
        check("[MASKED]", "-----BEGIN OPENSSH PRIVATE KEY-----\nTESTONLY\n------END OPENSSH PRIVATE KEY-----");
        String cert = "-----BEGIN CERTIFICATE-----\nTESTONLYcert\n-----END CERTIFICATE-----\n";
        check(cert, cert);
        check("x [MASKED]", "x -----BEGIN EC PRIVATE KEY-----\nTESTONLY unterminated");
    }
}
