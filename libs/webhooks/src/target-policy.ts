import { lookup as systemLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { embeddedIpv4, inPrefix, parseIp } from './ip-address';
import type { IpBytes } from './ip-address';

export type RefusedKind = 'loopback' | 'private' | 'link-local' | 'special-purpose';

type Range = readonly [prefix: readonly number[], bits: number, kind: RefusedKind];

/** IANA's IPv4 Special-Purpose Address Registry, multicast and the reserved 240/4. */
const IPV4_SPECIAL: readonly Range[] = [
  [[0], 8, 'special-purpose'],
  [[10], 8, 'private'],
  [[100, 64], 10, 'private'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'],
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'special-purpose'],
  [[192, 0, 2], 24, 'special-purpose'],
  [[192, 31, 196], 24, 'special-purpose'],
  [[192, 52, 193], 24, 'special-purpose'],
  [[192, 88, 99], 24, 'special-purpose'],
  [[192, 168], 16, 'private'],
  [[192, 175, 48], 24, 'special-purpose'],
  [[198, 18], 15, 'special-purpose'],
  [[198, 51, 100], 24, 'special-purpose'],
  [[203, 0, 113], 24, 'special-purpose'],
  [[224], 4, 'special-purpose'],
  [[240], 4, 'special-purpose'],
];

/** Outside global unicast (2000::/3) everything is refused; these are the special ranges inside it. */
const IPV6_SPECIAL: readonly Range[] = [
  [[0x20, 0x01, 0x00, 0x00], 23, 'special-purpose'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'special-purpose'],
  [[0x20, 0x02], 16, 'special-purpose'],
  [[0x26, 0x20, 0x00, 0x4f, 0x80, 0x00], 48, 'special-purpose'],
  [[0x3f, 0xff], 20, 'special-purpose'],
];
const IPV6_OUTSIDE_GLOBAL_UNICAST: readonly Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfc], 7, 'private'],
];

const kindIn = (ranges: readonly Range[], ip: IpBytes): RefusedKind | null =>
  ranges.find(([prefix, bits]) => inPrefix(ip, prefix, bits))?.[2] ?? null;

function ipv6Kind(ip: IpBytes): RefusedKind | null {
  if (!inPrefix(ip, [0x20], 3)) return kindIn(IPV6_OUTSIDE_GLOBAL_UNICAST, ip) ?? 'special-purpose';
  return kindIn(IPV6_SPECIAL, ip);
}

/**
 * Why an address may not receive webhooks, or null when it may: only global unicast. An IPv6 address
 * that embeds an IPv4 one is judged by it (an IPv4-mapped one is that IPv4 address); tunnel and
 * translation prefixes are refused whatever they embed.
 */
export function refusedKindOf(address: string): RefusedKind | null {
  const ip = parseIp(address);
  if (!ip) return 'special-purpose';
  if (ip.length === 4) return kindIn(IPV4_SPECIAL, ip);
  const embedded = embeddedIpv4(ip);
  if (!embedded) return ipv6Kind(ip);
  const kind = kindIn(IPV4_SPECIAL, embedded.ipv4);
  return embedded.via === 'ipv4-mapped' ? kind : (kind ?? 'special-purpose');
}

/** 127/8, ::1 and ::ffff:127.0.0.0/104: what a development receiver on this machine listens on. */
function isDirectLoopback(address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  if (ip.length === 4) return ip[0] === 127;
  const embedded = embeddedIpv4(ip);
  if (embedded) return embedded.via === 'ipv4-mapped' && embedded.ipv4[0] === 127;
  return inPrefix(ip, IPV6_OUTSIDE_GLOBAL_UNICAST[0][0], 128);
}

export interface LookupAddress {
  readonly address: string;
  readonly family: number;
}

export type HostLookup = (host: string) => Promise<LookupAddress[]>;

export interface TargetPolicy {
  /** Development and tests only: a receiver on this machine. */
  readonly allowLoopback: boolean;
  /** The system resolver unless given (tests). */
  readonly lookup?: HostLookup;
}

export interface ResolvedTarget {
  readonly url: URL;
  readonly address: string;
  readonly family: 4 | 6;
}

export class TargetRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly kind: RefusedKind | 'unresolvable' | 'scheme',
  ) {
    super(`the webhook target ${host} is refused (${kind})`);
    this.name = 'TargetRefusedError';
  }
}

/** Throws when the policy refuses this address for the host. */
export function checkAddress(host: string, address: string, policy: TargetPolicy): void {
  const kind = refusedKindOf(address);
  if (kind && !(kind === 'loopback' && policy.allowLoopback && isDirectLoopback(address))) {
    throw new TargetRefusedError(host, kind);
  }
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

const systemHostLookup: HostLookup = (host) => systemLookup(host, { all: true });

/** Rejects once the signal aborts: a lookup cannot outlast the attempt it is part of. */
function withinSignal<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Resolves the URL's host and checks every address it resolves to; the caller connects to the returned
 * address, so a second, different DNS answer cannot redirect the request. The lookup ends with `signal`.
 */
export async function resolveTarget(
  rawUrl: string,
  policy: TargetPolicy,
  signal?: AbortSignal,
): Promise<ResolvedTarget> {
  const url = new URL(rawUrl);
  const host = hostOf(url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TargetRefusedError(host, 'scheme');
  }
  const addresses: LookupAddress[] = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await withinSignal((policy.lookup ?? systemHostLookup)(host), signal).catch(
        (error: unknown) => {
          if (signal?.aborted) throw error;
          throw new TargetRefusedError(host, 'unresolvable');
        },
      );
  if (addresses.length === 0) throw new TargetRefusedError(host, 'unresolvable');
  for (const { address } of addresses) checkAddress(host, address, policy);
  return { url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}
