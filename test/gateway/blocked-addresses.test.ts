/**
 * The SSRF blocklist over every spelling of a private, loopback, link-local or unspecified
 * address: plain IPv4 and IPv6, and IPv4 embedded in IPv6 (mapped, compatible, translated,
 * NAT64, 6to4, Teredo). Blocks from the IANA special-purpose registries (RFC 6890).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBlockedAddress } from '../../src/gateway/blocked-addresses.js';

/** Teredo writes the client's IPv4 address with every bit flipped (RFC 4380 §4). */
function teredo(server: string, client: string): string {
  const hex = (address: string, flip: boolean) => {
    const value = (address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0) ^ (flip ? 0xffffffff : 0)) >>> 0;
    return `${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  };
  return `2001:0:${hex(server, false)}:8000:63bf:${hex(client, true)}`;
}

const blocked: Array<[string, string]> = [
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', '"this network"'],
  ['10.0.0.1', 'private'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.255', 'carrier-grade NAT, last'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback, high'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private, last'],
  ['192.0.0.1', 'IETF protocol assignments'],
  ['192.0.2.1', 'documentation'],
  ['192.168.1.1', 'private'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking, last'],
  ['203.0.113.5', 'documentation'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'limited broadcast'],
  ['::', 'IPv6 unspecified'],
  ['::1', 'IPv6 loopback'],
  ['0:0:0:0:0:0:0:1', 'IPv6 loopback, written out'],
  ['fc00::1', 'unique local'],
  ['fd12:3456:789a::1', 'unique local'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local with a zone'],
  ['febf:ffff::1', 'link-local, last'],
  ['fec0::1', 'site-local'],
  ['ff02::1', 'multicast'],
  ['100::1', 'discard-only'],
  ['2001:db8::1', 'documentation'],
  ['2001:2::1', 'benchmarking'],
  ['3fff::1', 'documentation'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
  ['0:0:0:0:0:ffff:a9fe:a9fe', 'IPv4-mapped metadata, written out'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::127.0.0.1', 'IPv4-compatible loopback'],
  ['::7f00:1', 'IPv4-compatible loopback, hex'],
  ['::a9fe:a9fe', 'IPv4-compatible metadata'],
  ['::192.168.0.1', 'IPv4-compatible private'],
  ['::ffff:0:127.0.0.1', 'IPv4-translated loopback'],
  ['64:ff9b::7f00:1', 'NAT64 loopback'],
  ['64:ff9b::127.0.0.1', 'NAT64 loopback, dotted'],
  ['64:ff9b::a9fe:a9fe', 'NAT64 metadata'],
  ['64:ff9b::10.1.2.3', 'NAT64 private'],
  ['64:ff9b:1::8.8.8.8', 'local-use NAT64, whatever it embeds'],
  ['64:ff9b:1:abcd::1', 'local-use NAT64'],
  ['2002:7f00:1::', '6to4 of loopback'],
  ['2002:a00:1::1', '6to4 of private'],
  ['2002:a9fe:a9fe::1', '6to4 of metadata'],
  [teredo('65.54.227.120', '127.0.0.1'), 'Teredo client loopback'],
  [teredo('65.54.227.120', '10.0.0.1'), 'Teredo client private'],
  [teredo('10.0.0.1', '8.8.8.8'), 'Teredo server private'],
  ['localhost', 'not an address'],
  ['example.com', 'not an address'],
  ['', 'empty'],
];

const allowed: Array<[string, string]> = [
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['100.63.255.255', 'just below carrier-grade NAT'],
  ['100.128.0.0', 'just above carrier-grade NAT'],
  ['172.15.255.255', 'just below 172.16/12'],
  ['172.32.0.0', 'just above 172.16/12'],
  ['192.167.255.255', 'just below 192.168/16'],
  ['192.169.0.0', 'just above 192.168/16'],
  ['198.17.255.255', 'just below 198.18/15'],
  ['198.20.0.0', 'just above 198.18/15'],
  ['223.255.255.255', 'just below multicast'],
  ['2606:4700::1111', 'public IPv6'],
  ['2001:4860:4860::8888', 'public IPv6'],
  ['::ffff:8.8.8.8', 'IPv4-mapped public'],
  ['64:ff9b::8.8.8.8', 'NAT64 public'],
  ['2002:808:808::1', '6to4 of public'],
  [teredo('65.54.227.120', '8.8.8.8'), 'Teredo, both ends public'],
];

test('private, loopback, link-local, unspecified and reserved addresses are refused in every spelling', () => {
  for (const [address, what] of blocked) assert.equal(isBlockedAddress(address), true, `${address} (${what})`);
});

test('public addresses, also those embedded in IPv6, are let through', () => {
  for (const [address, what] of allowed) assert.equal(isBlockedAddress(address), false, `${address} (${what})`);
});
