import type { IncomingMessage } from 'node:http';
import { watchSlowBody } from './slow-body-watch';

const aBody = () => {
  const state = { bytesRead: 0, complete: false, paused: false };
  const request = {
    socket: {
      get bytesRead() {
        return state.bytesRead;
      },
    },
    get complete() {
      return state.complete;
    },
    isPaused: () => state.paused,
  } as unknown as IncomingMessage;
  return { state, request };
};

const rate = { bytesPerSecond: 1024, windowMs: 10_000 };

describe('watchSlowBody', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('cuts off a body that sends less than the minimum over a window', () => {
    const { state, request } = aBody();
    const onSlow = jest.fn();
    watchSlowBody(request, rate, onSlow);
    state.bytesRead += 20_000;
    jest.advanceTimersByTime(10_000);
    expect(onSlow).not.toHaveBeenCalled();
    state.bytesRead += 100;
    jest.advanceTimersByTime(10_000);
    expect(onSlow).toHaveBeenCalledTimes(1);
  });

  it('leaves alone a body we paused ourselves, and one that is complete', () => {
    const { state, request } = aBody();
    const onSlow = jest.fn();
    watchSlowBody(request, rate, onSlow);
    state.paused = true;
    jest.advanceTimersByTime(10_000);
    state.paused = false;
    state.complete = true;
    jest.advanceTimersByTime(30_000);
    expect(onSlow).not.toHaveBeenCalled();
  });

  it('stops watching when told to, and never watches with a rate of 0', () => {
    const { request } = aBody();
    const onSlow = jest.fn();
    watchSlowBody(request, rate, onSlow)();
    watchSlowBody(request, { ...rate, bytesPerSecond: 0 }, onSlow);
    jest.advanceTimersByTime(60_000);
    expect(onSlow).not.toHaveBeenCalled();
  });
});
