package dev.lanyard.protocol.model;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TestBotocorePatterns
{
    @Test
    void codePointEscapesBeyondFourDigitsBecomeJavaSyntax()
    {
        String sts = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+";
        assertThat(BotocorePatterns.toJavaSyntax(sts)).isEqualTo("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]+");
        Pattern pattern = BotocorePatterns.compile(sts);
        assertThat(pattern.matcher("arn:aws:iam::123456789012:role/\uD83D\uDE00").matches()).isTrue();
        assertThat(pattern.matcher("bell\u0007").matches()).isFalse();
        // read literally by Java, the same pattern would refuse the emoji
        assertThat(Pattern.compile(sts).matcher("\uD83D\uDE00").matches()).isFalse();
    }

    @Test
    void fourDigitEscapesFollowedByADigitKeepTheirMeaning()
    {
        assertThat(BotocorePatterns.toJavaSyntax("\\u00410")).isEqualTo("\\u00410");
        assertThat(BotocorePatterns.compile("\\u00410").matcher("A0").matches()).isTrue();
    }

    @Test
    void surrogatePairRangesCoverSupplementaryCharacters()
    {
        Pattern xmlString = BotocorePatterns.compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*");
        assertThat(xmlString.matcher("caf\u00e9 \uD83D\uDE00\n").matches()).isTrue();
        assertThat(xmlString.matcher("nul\u0000").matches()).isFalse();
    }

    @Test
    void latinOneRangesAndFullMatch()
    {
        Pattern policy = BotocorePatterns.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
        assertThat(policy.matcher("{\"Version\": \"2012-10-17\"}\u00e9").matches()).isTrue();
        assertThat(policy.matcher("\u0100").matches()).isFalse();
        Pattern name = BotocorePatterns.compile("[\\w+=,.@-]+");
        assertThat(name.matcher("a b").matches()).isFalse();
        assertThat(name.matcher("a-b").matches()).isTrue();
    }
}
