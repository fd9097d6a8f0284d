import { refusedKindOf, resolveTarget, TargetRefusedError } from './target-policy';

describe('the webhook target policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'private'],
    ['0.0.0.0', 'private'],
    ['fd12::1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
  ])('refuses %s as %s', (address, kind) => {
    expect(refusedKindOf(address)).toBe(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111'])(
    'accepts the public address %s',
    (address) => {
      expect(refusedKindOf(address)).toBeNull();
    },
  );

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
  });
});
