package dev.lanyard.protocol.sigv4;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UriEncodingTest
{
    @Test
    void canonicalQueryComponentReencodesToRfc3986()
    {
        assertThat(UriEncoding.canonicalQueryComponent("AZaz09-_.~")).isEqualTo("AZaz09-_.~");
        assertThat(UriEncoding.canonicalQueryComponent("a%2fb%2Fc")).isEqualTo("a%2Fb%2Fc");
        assertThat(UriEncoding.canonicalQueryComponent("%41%7e")).isEqualTo("A~");
        assertThat(UriEncoding.canonicalQueryComponent("a+b%20c")).isEqualTo("a%20b%20c");
        assertThat(UriEncoding.canonicalQueryComponent("*'()!")).isEqualTo("%2A%27%28%29%21");
        assertThat(UriEncoding.canonicalQueryComponent("café😀")).isEqualTo("caf%C3%A9%F0%9F%98%80");
        assertThat(UriEncoding.canonicalQueryComponent("caf%c3%a9")).isEqualTo("caf%C3%A9");
        assertThat(UriEncoding.canonicalQueryComponent("100%")).isEqualTo("100%25");
        assertThat(UriEncoding.canonicalQueryComponent("%zz")).isEqualTo("%25zz");
    }

    @Test
    void canonicalQueryStringSortsByEncodedNameThenValue()
    {
        assertThat(UriEncoding.canonicalQueryString("b=2&a=z&a=y&A=1&c&a%20b=", null)).isEqualTo("A=1&a=y&a=z&a%20b=&b=2&c=");
        assertThat(UriEncoding.canonicalQueryString("", null)).isEmpty();
        assertThat(UriEncoding.canonicalQueryString("X-Amz-Signature=abc&X-Amz-Date=1", "X-Amz-Signature")).isEqualTo("X-Amz-Date=1");
    }

    @Test
    void pathIsEncodedKeepingSlashes()
    {
        StringBuilder builder = new StringBuilder();
        UriEncoding.appendEncodedPath(builder, "/a b/%20/é");
        assertThat(builder.toString()).isEqualTo("/a%20b/%2520/%C3%A9");
    }

    @Test
    void pathNormalization()
    {
        assertThat(UriEncoding.normalizePath("")).isEqualTo("/");
        assertThat(UriEncoding.normalizePath("/")).isEqualTo("/");
        assertThat(UriEncoding.normalizePath("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(UriEncoding.normalizePath("/a/b/..")).isEqualTo("/a/");
        assertThat(UriEncoding.normalizePath("/../..")).isEqualTo("/");
        assertThat(UriEncoding.normalizePath("/a.b/c")).isEqualTo("/a.b/c");
    }
}
