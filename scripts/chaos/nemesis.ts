// Faults at seeded moments, one at a time, each healed before the next: rounds of the fault kinds in a
// seeded order, so that a short run meets every kind.
import { crash, infra } from '../../test/support/infra';
import type { Random } from './random';
import type { ChaosStack, Instance } from './stack';

export const FAULT_KINDS = [
  'sigkill-service',
  'sigstop-service',
  'sigkill-kafka',
  'crash-postgres',
  'sigkill-minio-mid-upload',
  'reload-nginx',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  readonly kind: FaultKind;
  target: string;
  /** ms since the campaign started */
  readonly at: number;
  /** ms from the fault to its healing done (restarted, resumed, reloaded) */
  healedMs: number;
  note?: string;
}

/** A JVM on a loaded 2-core machine takes most of a minute to start Kafka: the scripts wait up to 150 s. */
const SLOW_START = { READY_TIMEOUT: '150' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Nemesis {
  readonly faults: Fault[] = [];
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    private readonly stack: ChaosStack,
    private readonly random: Random,
    private readonly uploadsInFlight: () => number,
    private readonly startedAt: number,
  ) {}

  /**
   * Injects faults until `until` (ms since the epoch), and at least one of each kind however slowly they heal
   * (a loaded machine restarts Kafka in a minute); the last one is healed before `done` resolves.
   */
  start(until: number): void {
    this.running = (async () => {
      let round: FaultKind[] = shuffle([...FAULT_KINDS], this.random);
      const more = () =>
        !this.stopped && (Date.now() < until || this.faults.length < FAULT_KINDS.length);
      while (more()) {
        await sleep(this.random.int(500, 2_500));
        if (!more()) break;
        if (round.length === 0) round = shuffle([...FAULT_KINDS], this.random);
        const kind = round.shift()!;
        // a fault that cannot be healed is recorded; the settling that follows shows what it left broken
        await this.inject(kind).catch((error: unknown) =>
          this.faults.push({
            kind,
            target: '?',
            at: Date.now() - this.startedAt,
            healedMs: -1,
            note: `not healed: ${String(error).slice(0, 200)}`,
          }),
        );
      }
    })();
  }

  /** Resolves once the faults are over (the first round done and the time up) and healed. */
  get done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async inject(kind: FaultKind): Promise<void> {
    const fault: Fault = { kind, target: '', at: Date.now() - this.startedAt, healedMs: 0 };
    const began = Date.now();
    const hold = () => sleep(this.random.int(500, 3_000));
    switch (kind) {
      case 'sigkill-service': {
        const instance = this.random.pick(this.stack.instances);
        fault.target = instance.id;
        await this.stack.kill(instance);
        await hold();
        await this.stack.restart(instance);
        break;
      }
      case 'sigstop-service': {
        const instance: Instance = this.random.pick(this.stack.instances);
        fault.target = instance.id;
        this.stack.pause(instance);
        await sleep(this.random.int(1_000, 5_000));
        this.stack.resume(instance);
        break;
      }
      case 'sigkill-kafka':
        fault.target = 'kafka';
        await crash('kafka');
        await hold();
        await infra('start', 'kafka', SLOW_START);
        break;
      case 'crash-postgres':
        fault.target = 'postgres';
        await crash('postgres');
        await hold();
        await infra('start', 'postgres', SLOW_START);
        break;
      case 'sigkill-minio-mid-upload': {
        fault.target = 'minio';
        // the clients upload now and then: wait (bounded) for one to be streaming
        const deadline = Date.now() + 8_000;
        while (this.uploadsInFlight() === 0 && Date.now() < deadline) await sleep(20);
        fault.note = this.uploadsInFlight() > 0 ? 'mid-upload' : 'no upload in flight';
        await crash('minio');
        await hold();
        await infra('start', 'minio', SLOW_START);
        break;
      }
      case 'reload-nginx':
        fault.target = 'gateway';
        await this.stack.reloadGateway();
        break;
    }
    fault.healedMs = Date.now() - began;
    this.faults.push(fault);
  }
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
