/**
 * One handler per invoke channel of src/shared/ipc.ts. The router has already checked the sender
 * and parsed the request; the handlers answer within the contract, and never with a secret.
 */
import { checkAckOrder, effectiveTrail } from '../shared/ack/index.js';
import { Settings } from '../shared/ipc.js';
import { isMandatory } from '../shared/protocol/index.js';
import type { IpcHandlers } from './ipc/router.js';
import { mapHandlers } from './ipc/map-handlers.js';
import { zonesHandlers } from './ipc/zones-handlers.js';
import { troopHandlers } from './ipc/troop-handlers.js';
import { historyHandlers } from './ipc/history-handlers.js';
import { readsHandlers } from './ipc/reads-handlers.js';
import { localEntriesHandlers } from './ipc/local-entries-handlers.js';
import { hotlistsHandlers } from './ipc/hotlists-handlers.js';
import { evidenceHandlers } from './ipc/evidence-handlers.js';
import { reviewHandlers } from './ipc/review-handlers.js';
import { accountHandlers } from './ipc/account-handlers.js';
import { adminHandlers } from './ipc/admin-handlers.js';
import { supportHandlers } from './ipc/support-handlers.js';
import { localDataHandlers } from './ipc/local-data-handlers.js';
import { HubError } from '../shared/hub-error.js';
import { checkHubUrl } from './services/hub-api.js';
import type { ClientServices } from './client-app.js';
import type { PublicUser } from '../shared/protocol/index.js';

export function buildHandlers(core: ClientServices): IpcHandlers {
  const { session, logger } = { session: core.session, logger: core.ports.logger };

  /** Every way of signing in (the form, the first-sign-in steps) ends here: the desk opens. */
  async function afterSignIn(user: PublicUser): Promise<{ ok: true; user: PublicUser } | ReturnType<typeof fail>> {
    try {
      await core.desks.open(user);
    } catch {
      // Signed in but unable to keep alerts durably: not a desk that may answer receipts.
      await session.signOut();
      return fail('local_store_unavailable', 'This computer could not open its encrypted alert store; see the log.');
    }
    void syncPreferences(core);
    return { ok: true, user };
  }

  return {
    'session:state': async () => core.sessionState(),

    'session:signIn': async (request) => {
      const result = await session.signIn(request);
      return result.ok ? afterSignIn(result.user) : result;
    },

    'session:signOut': async () => {
      // Signing out stops this desk's alerts, like quitting: while locked it takes the password first.
      if (session.view().locked) return fail('locked', 'Unlock the console first.');
      await core.desks.close();
      await session.signOut();
      return { ok: true };
    },

    'session:unlock': async ({ password, otp }) => {
      const result = await session.unlock(password, otp);
      return result.ok ? { ok: true } : result;
    },

    'alerts:list': async () => core.view.list(),

    'alerts:older': async ({ before, limit }) => {
      const desk = core.desks.current();
      if (!desk) return fail('signed_out', 'Sign in to see alerts.');
      if (session.view().locked) return fail('locked', 'Unlock the console first.');
      const page = await desk.inbox.older(before, limit ?? 200);
      return { ok: true, items: page.items.map((s) => core.view.view(s)), older: page.older };
    },

    'ack:send': async (request) => {
      const user = session.currentUser();
      const desk = core.desks.current();
      if (!user || !desk) return fail('signed_out', 'Sign in to acknowledge alerts.');
      if (session.view().locked) return fail('locked', 'Unlock the console first.');
      const stored = await desk.inbox.find(request.alertId);
      if (!stored) return fail('unknown_alert', 'That alert is not on this desk.');
      // The hub enforces the order; checking here too answers at once, even offline.
      const queued = desk.outbox.unsent().filter((e) => e.alertId === request.alertId);
      const trail = effectiveTrail(stored.trail, queued, user.id);
      const order = checkAckOrder(trail, request, user.id);
      if (!order.ok) return fail(order.code, order.message);
      const event = await desk.outbox.enqueue(request);
      return { ok: true, eventId: event.eventId };
    },

    'link:presence': async () => core.presence.get(),

    'settings:get': async () => core.settings.current(),

    'settings:set': async (patch) => {
      const current = core.settings.current();
      const next = Settings.safeParse({ ...current, ...patch });
      if (!next.success) return fail('invalid_settings', next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      try {
        checkHubUrl(next.data.hubUrl);
      } catch (err) {
        return fail('insecure_hub_url', (err as Error).message);
      }
      // Mandatory categories are always received; keeping them out of the list keeps it honest.
      const settings = { ...next.data, categories: [...new Set(next.data.categories)].filter((c) => !isMandatory(c)) };
      const hubChanged = settings.hubUrl !== current.hubUrl;
      if (hubChanged && session.view().signedIn) {
        // Tokens belong to the old hub.
        await core.desks.close();
        await session.signOut();
      }
      await core.settings.save(settings);
      core.filter.setCategories(settings.categories);
      if (patch.categories && session.view().signedIn) void pushPreferences(core, settings.categories);
      logger.info('settings: saved', { hubChanged });
      return { ok: true, settings };
    },

    'zones:list': async () => core.filter.currentZones(),

    'policy:get': async () => core.filter.currentPolicy(),

    'activity:ping': async () => {
      session.touch();
      return { ok: true };
    },

    ...zonesHandlers(core),
    ...troopHandlers(core),
    ...historyHandlers(core),
    ...readsHandlers(core),
    ...localEntriesHandlers(core),
    ...hotlistsHandlers(core),
    ...evidenceHandlers(core),
    ...accountHandlers({ session, quit: core.quit, hub: () => core.hub(), afterSignIn }),
    ...adminHandlers(core),
    ...supportHandlers(core),
    ...localDataHandlers(core),
    ...mapHandlers({ settings: () => core.settings.current(), saveSettings: (next) => core.settings.save(next), policy: () => core.filter.currentPolicy() }),
    ...reviewHandlers({ session: core.session, hub: () => core.hub(), now: () => core.ports.clock.now() }),
  };
}

function fail(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}

/** The hub keeps the user's category preferences; the desk mirrors them into its settings. */
async function syncPreferences(core: ClientServices): Promise<void> {
  try {
    const token = await core.session.token();
    if (!token) return;
    const prefs = await core.hub().preferences(token);
    const categories = prefs.categories.filter((c) => !isMandatory(c));
    await core.settings.save({ ...core.settings.current(), categories });
    core.filter.setCategories(categories);
  } catch (err) {
    core.ports.logger.warn('settings: could not read preferences from the hub', { reason: reason(err) });
  }
}

async function pushPreferences(core: ClientServices, categories: Settings['categories']): Promise<void> {
  try {
    const token = await core.session.token();
    if (token) await core.hub().setPreferences(token, { categories });
  } catch (err) {
    core.ports.logger.warn('settings: could not save preferences on the hub', { reason: reason(err) });
  }
}

function reason(err: unknown): string {
  return err instanceof HubError ? err.code : (err as Error).message;
}
