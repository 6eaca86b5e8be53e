/**
 * The app's events to its windows (src/shared/ipc.ts event channels): hosts subscribe once and carry
 * them over their transport (Electron IPC, the browser host's WebSocket). A listener that throws is
 * logged and does not stop the others.
 */
import type { EventChannel, EventPayload } from '../shared/ipc.js';
import type { Logger } from './services/ports.js';

export type EventListener = (channel: EventChannel, payload: unknown) => void;

export class ClientEvents {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly logger: Logger) {}

  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    for (const listener of this.listeners) {
      try {
        listener(channel, payload);
      } catch (err) {
        this.logger.error('app: an event listener failed', { channel, reason: (err as Error).message });
      }
    }
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
