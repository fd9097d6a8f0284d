import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export type RefusedKind = 'loopback' | 'private' | 'link-local';

const subnets = (entries: [string, number, 'ipv4' | 'ipv6'][]): BlockList => {
  const list = new BlockList();
  for (const [network, prefix, type] of entries) list.addSubnet(network, prefix, type);
  return list;
};

const LOOPBACK = subnets([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const LINK_LOCAL = subnets([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
/** Private, shared, reserved, multicast and unspecified ranges: nothing a public receiver lives in. */
const PRIVATE = subnets([
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
]);

/** Why an address may not receive webhooks, or null when it may. */
export function refusedKindOf(address: string): RefusedKind | null {
  const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (LOOPBACK.check(address, type)) return 'loopback';
  if (LINK_LOCAL.check(address, type)) return 'link-local';
  if (PRIVATE.check(address, type)) return 'private';
  return null;
}

export interface TargetPolicy {
  /** Development and tests only: a receiver on this machine. */
  readonly allowLoopback: boolean;
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

const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Resolves the URL's host and checks every address it resolves to; the caller connects to the returned
 * address, so a second, different DNS answer cannot redirect the request.
 */
export async function resolveTarget(rawUrl: string, policy: TargetPolicy): Promise<ResolvedTarget> {
  const url = new URL(rawUrl);
  const host = hostOf(url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TargetRefusedError(host, 'scheme');
  }
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true }).catch(() => {
        throw new TargetRefusedError(host, 'unresolvable');
      });
  if (addresses.length === 0) throw new TargetRefusedError(host, 'unresolvable');
  for (const { address } of addresses) {
    const kind = refusedKindOf(address);
    if (kind && !(kind === 'loopback' && policy.allowLoopback)) {
      throw new TargetRefusedError(host, kind);
    }
  }
  return { url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}
