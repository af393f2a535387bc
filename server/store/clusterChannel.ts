import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Changes } from '../changes';
import type { Db } from './open';
import { changeKey, readChangeKey } from '../changes';

/** The key every cache treats as "anything may have changed": sent to this server after a gap in the channel. */

const CHANNEL = 'byline_changes';
/** NOTIFY payloads must stay under 8000 bytes; keys are short, so a batch is split well before that. */
const MAX_PAYLOAD = 7000;

export interface ClusterChannel {
  /** This server's id: its own notifications come back to it over LISTEN and are ignored by it. */
  readonly instanceId: string;
  /** Settles once the first LISTEN is in place (or the first attempt failed: it keeps retrying). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

interface Message {
  from: string;
  keys: string[];
}

function batches(instanceId: string, keys: readonly string[]): string[] {
  const payloads: string[] = [];
  let batch: string[] = [];
  for (const key of keys) {
    const next = [...batch, key];
    if (batch.length > 0 && JSON.stringify({ from: instanceId, keys: next }).length > MAX_PAYLOAD) {
      payloads.push(JSON.stringify({ from: instanceId, keys: batch }));
      batch = [key];
    } else batch = next;
  }
  if (batch.length > 0) payloads.push(JSON.stringify({ from: instanceId, keys: batch }));
  return payloads;
}

/**
 * Relays the change bus between servers over PostgreSQL LISTEN/NOTIFY: changes published here are sent with
 * NOTIFY through the pool (after the write committed, so a server that hears one reads the new data); a
 * dedicated connection LISTENs and hands other servers' changes to this server's bus. When that connection is
 * lost it reconnects with backoff, and then tells this server's caches that anything may have changed, since
 * notifications sent meanwhile were missed.
 */
export function startClusterChannel(options: {
  url: string;
  db: Db;
  changes: Changes;
  log?: (message: string) => void;
  connectTimeoutMs?: number;
}): ClusterChannel {
  const { url, db, changes, log = console.error } = options;
  const instanceId = randomUUID();
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;
  let heardBefore = false;
  let settle!: () => void;
  const ready = new Promise<void>((resolve) => (settle = resolve));

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    try {
      const parsed = JSON.parse(message.payload) as Message;
      if (parsed.from !== instanceId && Array.isArray(parsed.keys))
        changes.receive(parsed.keys.flatMap((text) => readChangeKey(String(text)) ?? []));
    } catch {
      log(`cluster: ignored a malformed notification on ${CHANNEL}`);
    }
  };

  const scheduleReconnect = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, 5000);
  };

  async function connect() {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: options.connectTimeoutMs ?? 5000 });
    let failed = false;
    const lost = (error?: Error) => {
      if (failed) return;
      failed = true;
      if (client === next) client = undefined;
      next.removeAllListeners('notification');
      void next.end().catch(() => undefined);
      if (!closed) {
        log(`cluster: lost the change channel${error ? ` (${error.message})` : ''}; reconnecting`);
        scheduleReconnect();
      }
    };
    next.on('error', lost);
    next.on('end', () => lost());
    try {
      await next.connect();
      next.on('notification', onNotification);
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      settle();
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    retryMs = 250;
    if (heardBefore) {
      log('cluster: change channel back; dropping cached answers that may have missed a change');
      changes.receive([changeKey.any]);
    }
    heardBefore = true;
    settle();
  }

  changes.relayTo((keys) => {
    for (const payload of batches(instanceId, keys)) {
      sql`SELECT pg_notify(${CHANNEL}, ${payload})`
        .execute(db)
        .catch((error: Error) =>
          log(`cluster: could not tell the other servers about ${keys.join(', ')}: ${error.message}`),
        );
    }
  });
  void connect();

  return {
    instanceId,
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      changes.relayTo(() => undefined);
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
