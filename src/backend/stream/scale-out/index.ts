/**
 * Scale-out wiring for one hub node among several sharing Postgres (and, for speed, Redis):
 *
 * - the Socket.IO Redis adapter, so room emits (`ack`, `policy`) reach desks on every node;
 * - a node bus over the adapter (`serverSideEmit`): new alerts, routing changes and ended sessions
 *   are announced to the other nodes at once;
 * - the catch-up timer, which reads the store and brings desks level whatever the announcements
 *   missed (Redis down, a node's database link down and back);
 * - resume overlap on the handshake.
 *
 * `prepareScaleOut` must run before the AlertStream is built (its handshake middleware has to run
 * first); `attachScaleOut` after.
 */
import type { Server } from 'socket.io';
import type { AlertFeed } from '../../alerts/alert-feed.js';
import type { Audience } from '../../alerts/audience.js';
import type { SessionEndListener } from '../../auth/session-ends.js';
import type { Clock } from '../../clock.js';
import type { HubStore, SessionEndCause } from '../../store/port.js';
import type { AlertStream } from '../alert-stream.js';
import { CatchUp, type RoutingVersionSource } from './catch-up.js';
import { RedisLink } from './redis-link.js';
import { applyResumeOverlap } from './resume-overlap.js';

export interface ScaleOutOptions {
  /** Redis for the Socket.IO adapter and the node bus; without it nodes meet only through the store. */
  redisUrl?: string;
  /** How often the store is read for writes of other nodes (default 1000 ms). */
  catchUpEveryMs?: number;
  /** Seqs replayed before a desk's resumeFrom (default 200). */
  resumeOverlap?: number;
}

export interface ScaleOutParts {
  io: Server;
  store: HubStore;
  feed: AlertFeed;
  audience: Audience;
  stream: AlertStream;
  /** Where ended sessions are reported, so they can be ended on the other nodes too. */
  sessions: { subscribe(listener: SessionEndListener): void };
  onError: (err: unknown) => void;
}

export interface ScaleOut {
  readonly catchUp: CatchUp;
  /** True while the Redis link is up (always false without Redis). */
  readonly redisUp: boolean;
  close(): Promise<void>;
}

/** A store that reports routing writes (the Postgres store does). */
interface RoutingAware extends RoutingVersionSource {
  onRoutingWrite(listener: (version: number) => void): void;
}

const isRoutingAware = (store: HubStore): store is HubStore & RoutingAware =>
  typeof (store as Partial<RoutingAware>).routingVersion === 'function' && typeof (store as Partial<RoutingAware>).onRoutingWrite === 'function';

const EVENT = { alert: 'opentas:alert', routing: 'opentas:routing', sessionEnded: 'opentas:session-ended' } as const;

export function prepareScaleOut(io: Server, store: HubStore, clock: Clock, options: ScaleOutOptions): void {
  applyResumeOverlap(io.of('/alerts'), store, clock, options.resumeOverlap);
}

export async function attachScaleOut(parts: ScaleOutParts, options: ScaleOutOptions): Promise<ScaleOut> {
  const { io, store, feed, audience, stream, sessions, onError } = parts;
  const routing = isRoutingAware(store) ? store : undefined;
  const catchUp = new CatchUp(store, routing, feed, audience, stream, onError);
  await catchUp.start(options.catchUpEveryMs ?? 1_000);

  let link: RedisLink | undefined;
  if (options.redisUrl) {
    link = await RedisLink.attach(io, options.redisUrl, {
      onDown: () => {},
      // Announcements published while the link was down are gone: read the store instead.
      onBack: () => catchUp.everything(),
      onError,
    });
    const nsp = stream.nsp;
    const announce = (event: string, value: unknown): void => {
      try {
        nsp.serverSideEmit(event, value);
      } catch (err) {
        onError(err);
      }
    };
    nsp.on(EVENT.alert, (seq: unknown) => typeof seq === 'number' && catchUp.remoteAlert());
    nsp.on(EVENT.routing, (version: unknown) => typeof version === 'number' && catchUp.remoteRouting(version));
    nsp.on(EVENT.sessionEnded, (id: unknown, reason: unknown) => {
      if (typeof id === 'string') stream.endSession(id, typeof reason === 'string' ? (reason as SessionEndCause) : 'revoked');
    });
    feed.onAlert((a) => announce(EVENT.alert, a.seq));
    routing?.onRoutingWrite((version) => announce(EVENT.routing, version));
    sessions.subscribe((id, reason) => {
      try {
        nsp.serverSideEmit(EVENT.sessionEnded, id, reason);
      } catch (err) {
        onError(err);
      }
    });
  }
  routing?.onRoutingWrite((version) => catchUp.localRouting(version));

  return {
    catchUp,
    get redisUp() {
      return link?.up ?? false;
    },
    async close() {
      catchUp.stop();
      await link?.close();
    },
  };
}
