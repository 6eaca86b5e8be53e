/**
 * The zone being edited: its fields, its rings, and what the shared validator (the hub's own,
 * src/shared/geo/validate.ts) says about them on every change. `problems` are placed on the map;
 * `canSave` stays false until there are none, so the hub only sees shapes it will take.
 */
import { useCallback, useMemo, useState } from 'react';
import { validateZoneGeometry, type GeometryIssue } from '../../shared/geo/validate.js';
import type { ZoneDraft } from '../../shared/ipc-zones.js';
import { ZoneId, type Zone, type ZoneGeometry } from '../../shared/protocol/zone.js';
import { composeGeometry, ringsOf, type DraftRing } from './model/rings.js';
import { locateProblems, type Problem } from './model/problems.js';

export interface DraftFields {
  id: string;
  name: string;
  active: boolean;
  users: string[];
  units: string[];
}

export interface Draft {
  /** True for a zone the hub does not have yet (its id may still be edited). */
  isNew: boolean;
  fields: DraftFields;
  rings: DraftRing[];
  /** Bumped whenever the rings come from outside terra-draw (a zone loaded, a circle, counties). */
  load: { key: number; rings: DraftRing[]; fit: boolean };
  geometry: ZoneGeometry | undefined;
  problems: Problem[];
  fieldProblems: Partial<Record<'id' | 'name', string>>;
  canSave: boolean;
  dirty: boolean;
}

export const newRingId = (): string => crypto.randomUUID();

const EMPTY: DraftFields = { id: '', name: '', active: true, users: [], units: [] };

function fieldsOf(zone: Zone): DraftFields {
  return { id: zone.id, name: zone.name, active: zone.active, users: [...zone.assignees.users], units: [...zone.assignees.units] };
}

/** Fields and shape as one text, coordinates at terra-draw's 7 decimals, for "has anything changed". */
function keyOf(fields: DraftFields, geometry: ZoneGeometry | undefined): string {
  const round = (v: unknown): unknown => (typeof v === 'number' ? Math.round(v * 1e7) / 1e7 : Array.isArray(v) ? v.map(round) : v);
  return JSON.stringify([fields.id, fields.name.trim(), fields.active, [...fields.users].sort(), [...fields.units].sort(), geometry ? round(geometry.coordinates) : null]);
}

export function draftToZone(fields: DraftFields, geometry: ZoneGeometry): ZoneDraft {
  return { id: fields.id, name: fields.name.trim(), geometry, assignees: { users: fields.users, units: fields.units }, active: fields.active };
}

export function useZoneDraft() {
  const [isNew, setIsNew] = useState(true);
  const [fields, setFields] = useState<DraftFields>(EMPTY);
  const [rings, setRings] = useState<DraftRing[]>([]);
  const [load, setLoad] = useState<Draft['load']>({ key: 0, rings: [], fit: false });
  /** The zone as the hub has it (canonical text), to tell whether anything changed since. */
  const [savedKey, setSavedKey] = useState('');

  const open = useCallback((zone: Zone | undefined, fit = true) => {
    setIsNew(!zone);
    setFields(zone ? fieldsOf(zone) : EMPTY);
    const r = zone ? ringsOf(zone.geometry, newRingId) : [];
    setRings(r);
    setLoad((l) => ({ key: l.key + 1, rings: r, fit }));
    setSavedKey(zone ? keyOf(fieldsOf(zone), zone.geometry) : '');
  }, []);

  /** New rings from outside terra-draw: `add` keeps the rings there are, otherwise they are replaced. */
  const putRings = useCallback((next: DraftRing[], add: boolean) => {
    setRings((was) => {
      const all = add ? [...was, ...next] : next;
      setLoad((l) => ({ key: l.key + 1, rings: all, fit: true }));
      return all;
    });
  }, []);

  /** What terra-draw holds after a drawing or an edit. */
  const drawn = useCallback((next: DraftRing[]) => {
    setRings((was) => {
      const same = was.length === next.length && was.every((r, i) => r.id === next[i]?.id && r.ring.length === next[i]?.ring.length && r.ring.every((p, j) => p[0] === next[i]?.ring[j]?.[0] && p[1] === next[i]?.ring[j]?.[1]));
      return same ? was : next;
    });
  }, []);

  const setField = useCallback(<K extends keyof DraftFields>(key: K, value: DraftFields[K]) => {
    setFields((f) => ({ ...f, [key]: value }));
  }, []);

  const checked = useMemo(() => {
    const composed = composeGeometry(rings);
    const issues: GeometryIssue[] = composed.geometry ? validateZoneGeometry(composed.geometry, 'geometry') : [];
    const problems: Problem[] = composed.geometry ? locateProblems(issues, composed.geometry, composed.ringAt) : [];
    for (const id of composed.orphanHoles) {
      const hole = rings.find((r) => r.id === id);
      problems.push({ message: 'this hole lies in no outer ring: draw it inside the zone', ringId: id, ...(hole?.ring[0] ? { at: hole.ring[0] } : {}) });
    }
    return { geometry: composed.geometry, problems };
  }, [rings]);

  const fieldProblems: Draft['fieldProblems'] = {};
  if (!fields.name.trim()) fieldProblems.name = 'Give the zone a name.';
  if (isNew && !ZoneId.safeParse(fields.id).success) fieldProblems.id = 'Letters, digits, ".", "_" or "-"; 1-64 characters, starting with a letter or digit.';

  const draft: Draft = {
    isNew,
    fields,
    rings,
    load,
    geometry: checked.geometry,
    problems: checked.problems,
    fieldProblems,
    canSave: Boolean(checked.geometry) && checked.problems.length === 0 && Object.keys(fieldProblems).length === 0,
    dirty: keyOf(fields, checked.geometry) !== savedKey,
  };
  return { draft, open, putRings, drawn, setField, setIsNew };
}
