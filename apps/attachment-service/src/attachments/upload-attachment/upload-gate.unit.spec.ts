import { UploadGate } from './upload-gate';

describe('UploadGate', () => {
  it('lets in as many uploads as its capacity, then none until one leaves', () => {
    const gate = new UploadGate(2, 2);
    const first = gate.tryEnter('a');
    const second = gate.tryEnter('b');
    expect(first && second).toBeTruthy();
    expect(gate.tryEnter('c')).toBeNull();
    first!();
    expect(gate.active).toBe(1);
    expect(gate.tryEnter('c')).not.toBeNull();
  });

  it('keeps an account to its own cap while other accounts still get in', () => {
    const gate = new UploadGate(8, 2);
    expect(gate.tryEnter('slow')).not.toBeNull();
    const second = gate.tryEnter('slow');
    expect(second).not.toBeNull();
    expect(gate.tryEnter('slow')).toBeNull();
    expect(gate.tryEnter('other')).not.toBeNull();
    second!();
    expect(gate.tryEnter('slow')).not.toBeNull();
  });

  it('gives a place back only once however often leave is called', () => {
    const gate = new UploadGate(1, 1);
    const leave = gate.tryEnter('a')!;
    leave();
    leave();
    expect(gate.active).toBe(0);
    expect(gate.tryEnter('a')).not.toBeNull();
  });
});
