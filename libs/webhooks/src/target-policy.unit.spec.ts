import fc from 'fast-check';
import { checkAddress, refusedKindOf, resolveTarget, TargetRefusedError } from './target-policy';

type Bytes = number[];

const hex = (bytes: Bytes): string[] =>
  Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16));

/** The ways one IPv6 address can be written, all meaning the same 16 bytes. */
const ipv6Forms = (bytes: Bytes): string[] => {
  const words = hex(bytes);
  const full = words.join(':');
  const compressed = new URL(`http://[${full}]/`).hostname.slice(1, -1);
  const tail = `${words.slice(0, 6).join(':')}:${bytes.slice(12).join('.')}`;
  return [
    full,
    words.map((w) => w.padStart(4, '0')).join(':'),
    compressed,
    compressed.toUpperCase(),
    tail,
    `[${compressed}]`,
  ];
};

const ipv4 = (text: string): Bytes => text.split('.').map(Number);
const v6 = (prefix: Bytes, ipv4Bytes: Bytes, at = 12): Bytes => {
  const bytes = [...prefix, ...Array<number>(16).fill(0)].slice(0, 16);
  bytes.splice(at, 4, ...ipv4Bytes);
  return bytes;
};

/** Every way an IPv6 address embeds an IPv4 one, each written as text. */
const EMBEDDINGS: Record<string, (a: Bytes) => Bytes> = {
  'IPv4-mapped ::ffff:0:0/96': (a) => v6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], a),
  'IPv4-translated ::ffff:0:0:0/96': (a) => v6([0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], a),
  'IPv4-compatible ::/96': (a) => v6([], a),
  'NAT64 64:ff9b::/96': (a) => v6([0, 0x64, 0xff, 0x9b], a),
  'local NAT64 64:ff9b:1::/48': (a) => v6([0, 0x64, 0xff, 0x9b, 0, 1], a),
  '6to4 2002::/16': (a) => v6([0x20, 0x02], a, 2),
  'Teredo 2001::/32': (a) =>
    v6(
      [0x20, 0x01, 0, 0, 0x41, 0x36, 0xe3, 0x78],
      a.map((b) => b ^ 0xff),
    ),
};

const anIpv4 = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 });
const anIpv6 = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 });
/** Mostly addresses near the special ranges, where a policy goes wrong. */
const aNearbyIpv4 = fc.oneof(
  anIpv4,
  fc
    .constantFrom(
      '127.0.0.1',
      '10.1.2.3',
      '169.254.169.254',
      '192.168.1.1',
      '100.64.0.9',
      '0.0.0.0',
      '172.31.255.255',
    )
    .map(ipv4),
);

describe('the webhook target policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['[::127.0.0.1]', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b:1::a00:1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a00:1::1', 'private'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12::1', 'private'],
    ['fd00:ec2::254', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['0.0.0.0', 'special-purpose'],
    ['::', 'special-purpose'],
    ['fec0::1', 'special-purpose'],
    ['2001::1', 'special-purpose'],
    ['2001:db8::1', 'special-purpose'],
    ['2001:2::1', 'special-purpose'],
    ['2001:10::1', 'special-purpose'],
    ['3fff::1', 'special-purpose'],
    ['64:ff9b::8.8.8.8', 'special-purpose'],
    ['2002:808:808::1', 'special-purpose'],
    ['100::1', 'special-purpose'],
    ['5f00::1', 'special-purpose'],
    ['ff02::1', 'special-purpose'],
    ['224.0.0.1', 'special-purpose'],
    ['239.255.255.250', 'special-purpose'],
    ['240.0.0.1', 'special-purpose'],
    ['255.255.255.255', 'special-purpose'],
    ['192.0.0.8', 'special-purpose'],
    ['192.0.2.1', 'special-purpose'],
    ['192.88.99.1', 'special-purpose'],
    ['198.18.0.1', 'special-purpose'],
    ['198.51.100.7', 'special-purpose'],
    ['203.0.113.9', 'special-purpose'],
    ['not an address', 'special-purpose'],
  ])('refuses %s as %s', (address, kind) => {
    expect(refusedKindOf(address)).toBe(kind);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '::ffff:8.8.8.8',
    '2606:4700::1111',
    '2001:4860:4860::8888',
    '2a00:1450:4001:80b::200e',
  ])('accepts the global unicast address %s', (address) => {
    expect(refusedKindOf(address)).toBeNull();
  });

  it.each([
    'fec0::1',
    '2001::1',
    '64:ff9b:1::a00:1',
    '::127.0.0.1',
    '::ffff:0:7f00:1',
    '2002:a00:1::',
  ])('refuses registering http://[%s]/, whatever the loopback switch says', async (address) => {
    await expect(
      resolveTarget(`http://[${address}]/hook`, { allowLoopback: true }),
    ).rejects.toThrow(TargetRefusedError);
  });

  it.each([
    'http://2130706433/',
    'http://0x7f000001/',
    'http://017700000001/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[0:0:0:0:0:0:0:1]/',
  ])('refuses %s, a loopback address in another spelling', async (url) => {
    await expect(resolveTarget(url, { allowLoopback: false })).rejects.toMatchObject({
      kind: 'loopback',
    });
  });

  it('judges an IPv6 address that embeds an IPv4 one by it, and refuses tunnels and translators whatever they embed', () => {
    fc.assert(
      fc.property(aNearbyIpv4, fc.constantFrom(...Object.keys(EMBEDDINGS)), (a, embedding) => {
        const kind = refusedKindOf(a.join('.'));
        const expected = embedding.startsWith('IPv4-mapped') ? kind : (kind ?? 'special-purpose');
        for (const form of ipv6Forms(EMBEDDINGS[embedding](a))) {
          expect([form, refusedKindOf(form)]).toEqual([form, expected]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives every way of writing one IPv6 address the same verdict', () => {
    fc.assert(
      fc.property(anIpv6, (bytes) => {
        const [first, ...others] = ipv6Forms(bytes).map(refusedKindOf);
        for (const other of others) expect(other).toBe(first);
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses every IPv6 address outside global unicast 2000::/3', () => {
    fc.assert(
      fc.property(anIpv6, (bytes) => {
        fc.pre((bytes[0] & 0xe0) !== 0x20);
        expect(refusedKindOf(ipv6Forms(bytes)[0])).not.toBeNull();
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses at registration exactly what it refuses as an address, for URLs with IPv6 literals', async () => {
    await fc.assert(
      fc.asyncProperty(anIpv6, async (bytes) => {
        const [address] = ipv6Forms(bytes);
        const refused = await resolveTarget(`https://[${address}]/hook`, { allowLoopback: false })
          .then(() => false)
          .catch((error: unknown) => error instanceof TargetRefusedError);
        expect(refused).toBe(refusedKindOf(address) !== null);
      }),
      { numRuns: 300 },
    );
  });

  it('lets the development switch allow only receivers on this machine, not loopback behind a translator', () => {
    const allow = { allowLoopback: true };
    expect(() => checkAddress('h', '127.0.0.1', allow)).not.toThrow();
    expect(() => checkAddress('h', '::1', allow)).not.toThrow();
    expect(() => checkAddress('h', '::ffff:127.0.0.1', allow)).not.toThrow();
    for (const translated of [
      '::127.0.0.1',
      '::ffff:0:7f00:1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
    ]) {
      expect(() => checkAddress('h', translated, allow)).toThrow(TargetRefusedError);
    }
  });

  it('refuses loopback receivers unless the development switch allows them', async () => {
    await expect(
      resolveTarget('http://127.0.0.1:9/hook', { allowLoopback: false }),
    ).rejects.toThrow(TargetRefusedError);
    await expect(
      resolveTarget('http://127.0.0.1:9/hook', { allowLoopback: true }),
    ).resolves.toMatchObject({ address: '127.0.0.1', family: 4 });
  });

  it('refuses private addresses even when loopback is allowed, and schemes other than http(s)', async () => {
    await expect(
      resolveTarget('http://10.0.0.8/hook', { allowLoopback: true }),
    ).rejects.toMatchObject({
      kind: 'private',
    });
    await expect(
      resolveTarget('ftp://8.8.8.8/hook', { allowLoopback: true }),
    ).rejects.toMatchObject({
      kind: 'scheme',
    });
  });

  it('checks what a host name resolves to, not the name', async () => {
    await expect(
      resolveTarget('http://localhost:9/hook', { allowLoopback: false }),
    ).rejects.toMatchObject({
      kind: 'loopback',
    });
    const rebinding = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '64:ff9b::a9fe:a9fe', family: 6 },
    ];
    await expect(
      resolveTarget('http://hooks.example/hook', { allowLoopback: false, lookup: rebinding }),
    ).rejects.toMatchObject({ kind: 'link-local' });
  });

  it('gives up a lookup that outlasts the attempt', async () => {
    const hanging = () => new Promise<never>(() => undefined);
    const started = Date.now();
    await expect(
      resolveTarget(
        'http://hooks.example/hook',
        { allowLoopback: false, lookup: hanging },
        AbortSignal.timeout(100),
      ),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
