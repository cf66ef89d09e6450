package dev.lanyard.policy.json;

/** A place in a policy's text, 1-based, as the simulator's StartPosition/EndPosition report it. */
public record TextPosition(int line, int column)
{
    public static final TextPosition UNKNOWN = new TextPosition(0, 0);
}
