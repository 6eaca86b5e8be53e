/**
 * The hub's matching desk: the hot-list book and the read intake, built from the hub's context
 * when the routes are registered. Built there rather than in `startHub` so the HTTP routes that use
 * them are their only owners (nothing else in the hub reads lists or takes reads). The first load
 * of the stored lists starts at once; `POST /reads` waits for it, so no read is matched against a
 * hub that has not loaded its lists yet.
 */
import type { HubContext } from '../context.js';
import { HotlistBook } from './hotlist-book.js';
import { LocalEntries } from './local-entries.js';
import { ReadIntake } from './read-intake.js';

export interface Matching {
  book: HotlistBook;
  /** The local entries, matched as the lists `local` (source LOCAL) in the book's matcher. */
  local: LocalEntries;
  intake: ReadIntake;
}

export function openMatching(ctx: HubContext, onError: (err: unknown) => void): Matching {
  const book = new HotlistBook(ctx.store.hotlists, ctx.clock, onError);
  // A failed first load is retried by the first request that needs the lists (and answered 500).
  void book.ready().catch(() => undefined);
  const local = new LocalEntries(ctx.store.localEntries, ctx.store.policy, book.matcher, ctx.securityLog, ctx.clock, { reads: ctx.store.readArchive, ingest: ctx.ingest });
  void local.fresh().catch(() => undefined);
  return { book, local, intake: new ReadIntake(ctx.store.reads, ctx.store.policy, book, local, ctx.ingest, ctx.clock) };
}
