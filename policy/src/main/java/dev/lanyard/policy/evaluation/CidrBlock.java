package dev.lanyard.policy.evaluation;

/** An IPv4 or IPv6 network for IpAddress/NotIpAddress; an address without a prefix length is a single host. */
record CidrBlock(byte[] network, int prefixLength)
{
    /** Null when the text is not an address or CIDR block. */
    static CidrBlock parse(String text)
    {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = ValueParsing.address(addressText);
        if (address == null) {
            return null;
        }
        int maximum = address.length * 8;
        int prefixLength = maximum;
        if (slash >= 0) {
            String lengthText = text.substring(slash + 1);
            if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefixLength = Integer.parseInt(lengthText);
            if (prefixLength > maximum) {
                return null;
            }
        }
        return new CidrBlock(address, prefixLength);
    }

    boolean contains(byte[] address)
    {
        if (address == null || address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int index = 0; index < fullBytes; index++) {
            if (address[index] != network[index]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
