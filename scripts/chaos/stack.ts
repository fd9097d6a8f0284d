// The chaos stack: two ticket-api and two projector instances, the attachment-service and the
// webhook-dispatcher, behind a gateway of its own, on a database, topic, consumer groups and bucket of its own,
// next to the test profile's PostgreSQL, Kafka and MinIO (started by scripts/infra, and crashed by the nemesis).
import type { ChildProcess } from 'node:child_process';
import type { Pool } from 'pg';
import { createPool } from '@app/platform/db/database';
import { migrate } from '@app/platform/db/migrate';
import type { Endpoints } from '../../test/setup/endpoints';
import { startService, stopProcess, waitForService } from '../../test/setup/services';
import type { ServiceName } from '../../test/setup/services';
import { httpOk, waitFor } from '../../test/setup/wait-for';
import { infra } from '../../test/support/infra';

export const CHAOS_DATABASE = 'tickets_chaos';
export const CHAOS_BUCKET = 'tickets-chaos';
export const CHAOS_TOPIC = 'ticket-events-chaos';

export interface Instance {
  /** e.g. ticket-api#2 */
  readonly id: string;
  readonly service: ServiceName;
  readonly port: number;
  child: ChildProcess;
  paused: boolean;
}

/** The one place the chaos stack's ports come from: next to the profile's, so a profile that moves moves them. */
export function chaosPorts(profile: Endpoints) {
  const base = Number(profile.TICKET_API_PORT) + 20;
  return {
    ticketApi: [base, base + 1],
    attachment: base + 2,
    projector: [base + 3, base + 5],
    // the dispatcher sits next to the (first) projector, as in scripts/infra/env.sh
    webhookDispatcher: base + 4,
    gateway: Number(new URL(profile.GATEWAY_URL).port) + 1,
  };
}

export class ChaosStack {
  readonly instances: Instance[] = [];

  private constructor(
    readonly profile: Endpoints,
    readonly env: Endpoints,
    readonly pool: Pool,
    private readonly gatewayEnv: Record<string, string>,
  ) {}

  get gatewayUrl(): string {
    return this.env.GATEWAY_URL;
  }

  /** A fresh database for the run, migrated; the services; the gateway. */
  static async start(profile: Endpoints): Promise<ChaosStack> {
    const admin = createPool(profile.DATABASE_URL, 1, 'chaos-setup');
    await admin
      .query(`DROP DATABASE IF EXISTS ${CHAOS_DATABASE} WITH (FORCE)`)
      .then(() => admin.query(`CREATE DATABASE ${CHAOS_DATABASE}`))
      .finally(() => admin.end());
    const url = new URL(profile.DATABASE_URL);
    url.pathname = `/${CHAOS_DATABASE}`;
    const ports = chaosPorts(profile);
    const env: Endpoints = {
      ...profile,
      DATABASE_URL: url.toString(),
      S3_BUCKET: CHAOS_BUCKET,
      GATEWAY_URL: `http://127.0.0.1:${ports.gateway}`,
      TICKET_API_PORT: String(ports.ticketApi[0]),
      ATTACHMENT_PORT: String(ports.attachment),
      PROJECTOR_PORT: String(ports.projector[0]),
      WEBHOOK_DISPATCHER_PORT: String(ports.webhookDispatcher),
    };
    const pool = createPool(env.DATABASE_URL, 4, 'chaos');
    await migrate(pool);
    const gatewayEnv = {
      GATEWAY_PORT: String(ports.gateway),
      // empty: env.sh derives the HTTPS port from this gateway's own, not the test gateway's inherited one
      GATEWAY_TLS_PORT: '',
      GATEWAY_URL: env.GATEWAY_URL,
      TICKET_API_PORT: String(ports.ticketApi[0]),
      TICKET_API_MORE_PORTS: ports.ticketApi.slice(1).join(' '),
      ATTACHMENT_PORT: String(ports.attachment),
    };
    const stack = new ChaosStack(profile, env, pool, gatewayEnv);
    const layout: [ServiceName, number[]][] = [
      ['ticket-api', ports.ticketApi],
      ['attachment-service', [ports.attachment]],
      ['projector', ports.projector],
      ['webhook-dispatcher', [ports.webhookDispatcher]],
    ];
    for (const [service, servicePorts] of layout) {
      servicePorts.forEach((port, i) => {
        const id = servicePorts.length > 1 ? `${service}#${i + 1}` : service;
        stack.instances.push({
          id,
          service,
          port,
          child: stack.spawn(service, port),
          paused: false,
        });
      });
    }
    try {
      await Promise.all(stack.instances.map((i) => stack.waitServing(i, false)));
      await stack.reloadGateway();
    } catch (error) {
      // a stack that did not come up leaves no process behind to hold the test runner open
      await stack.stop().catch(() => undefined);
      throw error;
    }
    return stack;
  }

  private spawn(service: ServiceName, port: number): ChildProcess {
    return startService(service, this.env, {
      PORT: String(port),
      TICKET_EVENTS_TOPIC: CHAOS_TOPIC,
      PROJECTOR_GROUP_ID: 'chaos-projector',
      WEBHOOK_DISPATCHER_GROUP_ID: 'chaos-webhook-dispatcher',
      // a killed projector's partitions move to the other one within seconds
      PROJECTOR_SESSION_TIMEOUT_MS: '6000',
      PROJECTOR_RETRY_DELAY_MS: '200',
    });
  }

  /** Ready, or with `degraded` ready at all (Kafka may be the one that is down). */
  waitServing(instance: Instance, degraded = true, timeoutMs = 60_000): Promise<void> {
    return waitForService(instance.service, this.env, {
      port: String(instance.port),
      degraded,
      timeoutMs,
    });
  }

  async kill(instance: Instance): Promise<void> {
    if (instance.paused) this.resume(instance);
    await stopProcess(instance.child, 'SIGKILL');
  }

  async restart(instance: Instance): Promise<void> {
    instance.child = this.spawn(instance.service, instance.port);
    await this.waitServing(instance);
  }

  pause(instance: Instance): void {
    instance.child.kill('SIGSTOP');
    instance.paused = true;
  }

  resume(instance: Instance): void {
    instance.child.kill('SIGCONT');
    instance.paused = false;
  }

  /** Renders the gateway's configuration and starts it, or reloads it when it runs. */
  async reloadGateway(): Promise<void> {
    await infra('start', 'nginx', this.gatewayEnv);
    await waitFor('chaos gateway', httpOk(`${this.gatewayUrl}/health`), 30_000);
  }

  /** Every instance ready with all its dependencies up. */
  async waitAllReady(timeoutMs: number): Promise<void> {
    await Promise.all(this.instances.map((i) => this.waitServing(i, false, timeoutMs)));
  }

  async stop(): Promise<void> {
    for (const instance of this.instances) if (instance.paused) this.resume(instance);
    await Promise.all(this.instances.map((i) => stopProcess(i.child)));
    await infra('stop', 'nginx', this.gatewayEnv).catch(() => undefined);
    await this.pool.end();
  }
}
