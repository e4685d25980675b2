import ipaddr from "ipaddr.js";

/**
 * True for an address on the public internet. Loopback, private, link-local,
 * carrier-grade NAT, multicast, reserved and unspecified ranges are not: a
 * page must not make the server fetch from the machine it runs on or its
 * network (an IPv4 address mapped into IPv6 is judged as IPv4).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

/** `FEEDS_ALLOW_PRIVATE=1`: addresses on this machine or its network may be fetched (an intranet, tests). */
export function privateAddressesAllowed(): boolean {
  return process.env.FEEDS_ALLOW_PRIVATE === "1";
}
