/** See ./chain-link.mjs. */
export function linkHolds(body: string, prev: string, seq: number): boolean;
