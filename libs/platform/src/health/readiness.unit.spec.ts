import { checkReadiness } from './readiness';

const up = { required: true, answers: () => Promise.resolve(true) };
const down = { required: true, answers: () => Promise.resolve(false) };
const optionalDown = { required: false, answers: () => Promise.resolve(false) };
const throwing = { required: true, answers: () => Promise.reject(new Error('refused')) };

describe('readiness', () => {
  it('is ready when every dependency answers', async () => {
    expect(await checkReadiness(false, { database: up })).toEqual({
      ready: true,
      status: 'ready',
      dependencies: { database: 'up' },
    });
  });

  it('is unready when a required dependency is down or its check throws', async () => {
    expect(await checkReadiness(false, { database: down, storage: up })).toMatchObject({
      ready: false,
      status: 'unready',
    });
    expect(await checkReadiness(false, { database: throwing })).toMatchObject({
      ready: false,
      dependencies: { database: 'down' },
    });
  });

  it('stays ready but reports degraded when only an optional dependency is down', async () => {
    expect(await checkReadiness(false, { database: up, kafka: optionalDown })).toEqual({
      ready: true,
      status: 'degraded',
      dependencies: { database: 'up', kafka: 'down' },
    });
  });

  it('is unready while draining, whatever its dependencies', async () => {
    expect(await checkReadiness(true, { database: up })).toMatchObject({
      ready: false,
      status: 'draining',
    });
  });
});
