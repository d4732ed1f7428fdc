import { BlockList, isIP } from 'node:net';

/**
 * Addresses a URL taken from a request must not make the gateway reach (SSRF): every block that
 * the IANA special-purpose address registries (RFC 6890 and its updates) mark as not globally
 * reachable, plus multicast and the deprecated site-local block.
 * https://www.iana.org/assignments/iana-ipv4-special-registry/
 * https://www.iana.org/assignments/iana-ipv6-special-registry/
 */
const ipv4Blocks: ReadonlyArray<readonly [network: string, prefix: number]> = [
  ['0.0.0.0', 8], // "this network", unspecified (RFC 791)
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT, shared address space (RFC 6598)
  ['127.0.0.0', 8], // loopback (RFC 1122)
  ['169.254.0.0', 16], // link-local, cloud metadata services (RFC 3927)
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments (RFC 6890)
  ['192.0.2.0', 24], // documentation TEST-NET-1 (RFC 5737)
  ['192.88.99.0', 24], // deprecated 6to4 relay anycast (RFC 7526)
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking (RFC 2544)
  ['198.51.100.0', 24], // documentation TEST-NET-2 (RFC 5737)
  ['203.0.113.0', 24], // documentation TEST-NET-3 (RFC 5737)
  ['224.0.0.0', 4], // multicast (RFC 5771)
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 limited broadcast (RFC 1112, RFC 919)
];

const ipv6Blocks: ReadonlyArray<readonly [network: string, prefix: number]> = [
  ['::', 128], // unspecified (RFC 4291)
  ['::1', 128], // loopback (RFC 4291)
  ['64:ff9b:1::', 48], // local-use IPv4/IPv6 translation (RFC 8215): reaches the operator's own network
  ['100::', 64], // discard-only (RFC 6666)
  ['2001:2::', 48], // benchmarking (RFC 5180)
  ['2001:10::', 28], // deprecated ORCHID (RFC 4843)
  ['2001:db8::', 32], // documentation (RFC 3849)
  ['3fff::', 20], // documentation (RFC 9637)
  ['5f00::', 16], // SRv6 segment identifiers (RFC 9602)
  ['fc00::', 7], // unique local (RFC 4193)
  ['fe80::', 10], // link-local (RFC 4291)
  ['fec0::', 10], // deprecated site-local (RFC 3879)
  ['ff00::', 8], // multicast (RFC 4291)
];

const blocked = new BlockList();
for (const [network, prefix] of ipv4Blocks) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of ipv6Blocks) blocked.addSubnet(network, prefix, 'ipv6');

/** An IPv6 address as its eight 16-bit groups. */
type Groups = readonly number[];

/**
 * IPv6 forms whose packets end at an IPv4 address written inside them: that address decides.
 * Each takes the embedded address (as a 32-bit number) from the groups.
 */
interface Embedding {
  network: string;
  prefix: number;
  ipv4: (groups: Groups) => number[];
}

const embeddingForms: readonly Embedding[] = [
  // IPv4-mapped ::ffff:a.b.c.d (RFC 4291 §2.5.5.2)
  { network: '::ffff:0:0', prefix: 96, ipv4: (g) => [pair(g[6], g[7])] },
  // IPv4-compatible ::a.b.c.d, deprecated (RFC 4291 §2.5.5.1)
  { network: '::', prefix: 96, ipv4: (g) => [pair(g[6], g[7])] },
  // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765 §2.1)
  { network: '::ffff:0:0:0', prefix: 96, ipv4: (g) => [pair(g[6], g[7])] },
  // NAT64 well-known prefix 64:ff9b::a.b.c.d (RFC 6052 §2.1)
  { network: '64:ff9b::', prefix: 96, ipv4: (g) => [pair(g[6], g[7])] },
  // 6to4 2002:AABB:CCDD::/48 (RFC 3056 §2)
  { network: '2002::', prefix: 16, ipv4: (g) => [pair(g[1], g[2])] },
  // Teredo 2001:0:server:flags:port:client, the client's address with every bit flipped (RFC 4380 §4)
  { network: '2001::', prefix: 32, ipv4: (g) => [pair(g[2], g[3]), ~pair(g[6], g[7]) >>> 0] },
];
const embeddings = embeddingForms.map((form) => ({ ...form, list: single(form.network, form.prefix) }));

function single(network: string, prefix: number): BlockList {
  const list = new BlockList();
  list.addSubnet(network, prefix, 'ipv6');
  return list;
}

function pair(high: number | undefined, low: number | undefined): number {
  return (((high ?? 0) << 16) | (low ?? 0)) >>> 0;
}

function dotted(value: number): string {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}

/**
 * The eight groups of a valid IPv6 address. The WHATWG URL parser writes it canonically first
 * (hex groups, an embedded dotted quad turned into two), so only `::` is left to expand.
 */
function ipv6Groups(address: string): Groups {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const before = head === '' ? [] : head.split(':');
  const after = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros: string[] = new Array<string>(8 - before.length - after.length).fill('0');
  return [...before, ...zeros, ...after].map((group) => Number.parseInt(group, 16));
}

/**
 * Whether connecting to `address` could reach a private, loopback, link-local, unspecified or
 * otherwise not globally reachable host, directly or through an IPv4 address embedded in an IPv6
 * one (mapped, compatible, NAT64, 6to4, Teredo). Anything that is not an IP address is refused.
 */
export function isBlockedAddress(address: string): boolean {
  // A zone (`fe80::1%eth0`) only says which interface; the address decides.
  const bare = address.split('%')[0] ?? '';
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true;
  if (blocked.check(bare, 'ipv6')) return true;
  const embedding = embeddings.find((entry) => entry.list.check(bare, 'ipv6'));
  if (embedding === undefined) return false;
  return embedding.ipv4(ipv6Groups(bare)).some((ipv4) => blocked.check(dotted(ipv4), 'ipv4'));
}
