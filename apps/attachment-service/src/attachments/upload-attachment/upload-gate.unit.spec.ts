import { UploadGate } from './upload-gate';

describe('UploadGate', () => {
  it('lets in as many uploads as its capacity, then none until one leaves', () => {
    const gate = new UploadGate(2);
    const first = gate.tryEnter();
    const second = gate.tryEnter();
    expect(first && second).toBeTruthy();
    expect(gate.tryEnter()).toBeNull();
    first!();
    expect(gate.active).toBe(1);
    expect(gate.tryEnter()).not.toBeNull();
  });

  it('gives a place back only once however often leave is called', () => {
    const gate = new UploadGate(1);
    const leave = gate.tryEnter()!;
    leave();
    leave();
    expect(gate.active).toBe(0);
  });
});
