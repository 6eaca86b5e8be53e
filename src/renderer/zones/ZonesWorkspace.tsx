/**
 * The dispatcher's Zones workspace (`#/zones`, `#/zones/<id>`): the list of every zone beside a
 * large map where they are all drawn and labelled, and the editor of the zone the address names.
 * Saving goes to the hub (PUT /zones/:id), which pushes the change to the assigned troopers.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ZoneChange } from '../../shared/ipc-zones.js';
import type { PublicUser } from '../../shared/protocol/user.js';
import type { Zone } from '../../shared/protocol/zone.js';
import { tas } from '../api.js';
import { HubProblem, type HubProblemError } from '../console/HubProblem.js';
import { navigate } from '../router/useRoute.js';
import { pathTo } from '../router/match.js';
import { loadBaseMap, type BaseMap } from '../map/baseMap.js';
import { ZoneList } from './ZoneList.js';
import { ZoneMap, type MapTool } from './ZoneMap.js';
import { ZoneEditor } from './ZoneEditor.js';
import { DrawTools } from './DrawTools.js';
import { ImportExport, download } from './ImportExport.js';
import { draftToZone, newRingId, useZoneDraft } from './useZoneDraft.js';
import { circleRing } from './model/circle.js';
import { mergeOutlines } from './model/counties.js';
import { ringsOf } from './model/rings.js';
import { zonesToGeoJson } from './model/geojson-file.js';
import type { CountyFeature } from './mapLayers.js';
import './zones.css';

export function ZonesWorkspace({ id, dark, now }: { id?: string; dark: boolean; now: number }): React.JSX.Element {
  const [zones, setZones] = useState<Zone[]>();
  const [people, setPeople] = useState<PublicUser[]>([]);
  const [loadError, setLoadError] = useState<HubProblemError>();
  const [creating, setCreating] = useState(false);
  const [tool, setTool] = useState<MapTool>('static');
  const [selectedRing, setSelectedRing] = useState<string>();
  const [radius, setRadius] = useState('5');
  const [picked, setPicked] = useState<CountyFeature[]>([]);
  const [base, setBase] = useState<BaseMap>();
  const [saving, setSaving] = useState(false);
  const [hubError, setHubError] = useState<HubProblemError>();
  const [history, setHistory] = useState<{ index: number; change: ZoneChange }>();
  const { draft, open, putRings, drawn, setField } = useZoneDraft();
  /** Set by a save: the saved zone comes back from the hub, but the view stays where the dispatcher left it. */
  const keepView = useRef(false);

  const reload = useCallback(async () => {
    const [z, p] = await Promise.all([tas().invoke('zones:all'), tas().invoke('zones:people')]);
    if (!z.ok) return setLoadError(z.error);
    setLoadError(undefined);
    setZones(z.value);
    if (p.ok) setPeople(p.value);
  }, []);

  useEffect(() => {
    void reload();
    void loadBaseMap().then(setBase);
  }, [reload]);

  const current = useMemo(() => zones?.find((z) => z.id === id), [zones, id]);
  const editing = Boolean(current) || creating;

  // Open the zone the address names (or close the editor) when the address or the zone changes.
  useEffect(() => {
    if (!zones) return;
    if (id) setCreating(false);
    if (current) open(current, !keepView.current);
    else if (!creating) open(undefined, false);
    keepView.current = false;
    setTool(current ? 'select' : creating ? 'polygon' : 'static');
    setHubError(undefined);
    setHistory(undefined);
    setPicked([]);
    // `current` changes identity on every reload; its updatedAt says whether it really changed.
  }, [id, current?.updatedAt, zones === undefined]);

  const peopleById = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);

  const startNew = (): void => {
    navigate('/zones');
    setCreating(true);
    open(undefined, false);
    setTool('polygon');
    setHubError(undefined);
  };

  const close = (): void => {
    setCreating(false);
    setTool('static');
    navigate('/zones');
    open(undefined, false);
  };

  const save = async (zoneToSave = draft.geometry ? draftToZone(draft.fields, draft.geometry) : undefined): Promise<void> => {
    if (!zoneToSave) return;
    setSaving(true);
    setHubError(undefined);
    const answer = await tas().invoke('zones:save', zoneToSave);
    setSaving(false);
    if (!answer.ok) return setHubError(answer.error);
    keepView.current = true;
    setZones((zs) => [...(zs ?? []).filter((z) => z.id !== answer.value.id), answer.value]);
    setCreating(false);
    navigate(pathTo('/zones', answer.value.id));
  };

  const remove = async (): Promise<void> => {
    const answer = await tas().invoke('zones:delete', { id: draft.fields.id });
    if (!answer.ok) return setHubError(answer.error);
    setZones((zs) => (zs ?? []).filter((z) => z.id !== draft.fields.id));
    close();
  };

  const pickCounty = (c: CountyFeature): void =>
    setPicked((was) => (was.some((p) => p.properties.fips === c.properties.fips) ? was.filter((p) => p.properties.fips !== c.properties.fips) : [...was, c]));

  const useCounties = (): void => {
    const merged = mergeOutlines(picked.map((c) => c.geometry));
    if (!merged) return;
    putRings(ringsOf(merged, newRingId), false);
    if (draft.isNew && !draft.fields.name) {
      const name = picked.map((c) => c.properties.name).join(' + ');
      setField('name', `${name} ${picked.length === 1 ? 'County' : 'Counties'}`);
    }
    setPicked([]);
    setTool('select');
  };

  if (loadError) {
    return (
      <main className="zones-page">
        <HubProblem error={loadError} what="zones" onRetry={() => void reload()} />
      </main>
    );
  }

  const tools = (
    <DrawTools
      tool={tool}
      onTool={setTool}
      hasRings={draft.rings.length > 0}
      {...(selectedRing ? { selectedRing } : {})}
      onRemoveRing={() => putRings(draft.rings.filter((r) => r.id !== selectedRing), false)}
      onClear={() => putRings([], false)}
      radius={radius}
      onRadius={setRadius}
      {...(base ? { base } : {})}
      picked={picked}
      onPickCounty={pickCounty}
      onUseCounties={useCounties}
    />
  );

  return (
    <main className={`zones-page ${editing ? 'zones-editing' : ''}`} aria-labelledby="zones-title">
      <div className="zones-side">
        <div className="zones-head">
          <h1 id="zones-title">Zones</h1>
          <button type="button" className="primary" onClick={startNew}>
            New zone
          </button>
        </div>
        <ImportExport existing={zones ?? []} onImported={() => void reload()} onExportAll={() => download('zones.geojson', zonesToGeoJson(zones ?? []))} />
        {zones ? <ZoneList zones={zones} people={peopleById} {...(id ? { selectedId: id } : {})} now={now} onOpen={(z) => navigate(pathTo('/zones', z))} /> : <p className="muted">Reading zones…</p>}
      </div>
      <ZoneMap
        dark={dark}
        zones={zones ?? []}
        {...(editing ? { editingId: current?.id ?? '' } : {})}
        load={draft.load}
        tool={editing ? tool : 'static'}
        problems={draft.problems}
        {...(history ? { history: { before: history.change.before?.geometry ?? null, after: history.change.zone?.geometry ?? null } } : {})}
        picked={picked}
        onRings={drawn}
        onFinish={() => setTool('select')}
        onPickPoint={(lon, lat) => {
          putRings([{ id: newRingId(), role: 'outer', ring: circleRing(lon, lat, Number(radius)) }], true);
          if (draft.isNew && !draft.fields.name) setField('name', `${radius} mi around ${lat.toFixed(3)}, ${lon.toFixed(3)}`);
          setTool('select');
        }}
        onPickCounty={pickCounty}
        onOpenZone={(z) => navigate(pathTo('/zones', z))}
        onSelectRing={setSelectedRing}
      />
      {editing && (
        <ZoneEditor
          draft={draft}
          people={people}
          now={now}
          saving={saving}
          {...(hubError ? { hubError } : {})}
          tools={tools}
          {...(history ? { historyShown: history.index } : {})}
          {...(current?.updatedAt ? { version: current.updatedAt } : {})}
          onField={setField}
          onSave={() => void save()}
          onDelete={() => void remove()}
          onClose={close}
          onExport={() => current && download(`${current.id}.geojson`, zonesToGeoJson([current]))}
          onShowHistory={(index, change) => setHistory(index === undefined || !change ? undefined : { index, change })}
          onRestore={(zone) => void save({ id: draft.fields.id, name: zone.name, geometry: zone.geometry, assignees: zone.assignees, active: zone.active })}
        />
      )}
    </main>
  );
}
