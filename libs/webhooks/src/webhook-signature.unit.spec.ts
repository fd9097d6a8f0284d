import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook, webhookHeaders } from './webhook-signature';

describe('webhook signatures', () => {
  const message = { id: 'msg_1', timestamp: Math.floor(Date.now() / 1000), body: '{"a":1}' };

  it('verify with the Standard Webhooks reference library', () => {
    const secret = generateWebhookSecret();
    const payload = new Webhook(secret).verify(message.body, webhookHeaders(secret, message));
    expect(payload).toEqual({ a: 1 });
  });

  it('match the spec: v1, and base64 HMAC-SHA256 of id.timestamp.body with the decoded secret', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const reference = new Webhook(secret).sign(
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1614265330_000),
      '{"test": 2432232314}',
    );
    expect(
      signWebhook(secret, {
        id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        timestamp: 1614265330,
        body: '{"test": 2432232314}',
      }),
    ).toBe(reference);
  });

  it('makes secrets of whsec_ and 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
