import { isIP } from 'node:net';

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = readonly number[];

/** How an IPv6 address carries an IPv4 one. */
export type Ipv4Embedding =
  | 'ipv4-mapped'
  | 'ipv4-translated'
  | 'ipv4-compatible'
  | 'nat64'
  | 'nat64-local'
  | '6to4'
  | 'teredo';

const ipv4Bytes = (text: string): number[] => text.split('.').map(Number);

function ipv6Bytes(text: string): number[] {
  let hex = text;
  let tail: number[] = [];
  const lastColon = hex.lastIndexOf(':');
  if (hex.includes('.')) {
    tail = ipv4Bytes(hex.slice(lastColon + 1));
    hex = `${hex.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = hex.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const before = groups(head);
  const after = rest === undefined ? [] : groups(rest);
  const zeros = Array<string>(8 - before.length - after.length).fill('0');
  const words = [...before, ...zeros, ...after].map((g) => parseInt(g, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** The bytes of a textual address (brackets and an IPv6 zone are dropped), or null when it is not one. */
export function parseIp(address: string): IpBytes | null {
  const text = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  switch (isIP(text)) {
    case 4:
      return ipv4Bytes(text);
    case 6:
      return ipv6Bytes(text);
    default:
      return null;
  }
}

/** A prefix of bytes and bits: `inPrefix(ip, [0x20, 0x02], 16)`. */
export function inPrefix(ip: IpBytes, prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const take = Math.min(8, bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((ip[bit / 8] & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

const zeroBytes = (ip: IpBytes, from: number, to: number): boolean =>
  ip.slice(from, to).every((b) => b === 0);

/**
 * The IPv4 address an IPv6 address embeds, and how: mapped and translated (RFC 4291, 2765), compatible
 * (deprecated), NAT64 (RFC 6052, 8215), 6to4 (RFC 3056) and Teredo (RFC 4380, the client's address).
 */
export function embeddedIpv4(ip: IpBytes): { ipv4: IpBytes; via: Ipv4Embedding } | null {
  if (ip.length !== 16) return null;
  const last = ip.slice(12, 16);
  if (zeroBytes(ip, 0, 10) && ip[10] === 0xff && ip[11] === 0xff) {
    return { ipv4: last, via: 'ipv4-mapped' };
  }
  if (zeroBytes(ip, 0, 8) && ip[8] === 0xff && ip[9] === 0xff && zeroBytes(ip, 10, 12)) {
    return { ipv4: last, via: 'ipv4-translated' };
  }
  // :: and ::1 are themselves, not IPv4 addresses
  if (zeroBytes(ip, 0, 12) && !zeroBytes(ip, 12, 15)) return { ipv4: last, via: 'ipv4-compatible' };
  if (inPrefix(ip, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) {
    return { ipv4: last, via: 'nat64' };
  }
  if (inPrefix(ip, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48)) {
    return { ipv4: last, via: 'nat64-local' };
  }
  if (inPrefix(ip, [0x20, 0x02], 16)) return { ipv4: ip.slice(2, 6), via: '6to4' };
  if (inPrefix(ip, [0x20, 0x01, 0x00, 0x00], 32)) {
    return { ipv4: last.map((b) => b ^ 0xff), via: 'teredo' };
  }
  return null;
}
