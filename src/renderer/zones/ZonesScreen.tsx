/**
 * The console row's entry point: the workspace with the console's theme and clock. Loaded lazily
 * (maplibre, terra-draw and the county outlines are large) so the trooper's alert screens never
 * wait for it.
 */
import { lazy, Suspense } from 'react';
import { useConsole } from '../console/ConsoleContext.js';

const ZonesWorkspace = lazy(() => import('./ZonesWorkspace.js').then((m) => ({ default: m.ZonesWorkspace })));

export function ZonesScreen({ id }: { id?: string }): React.JSX.Element {
  const c = useConsole();
  return (
    <Suspense fallback={<main className="loading">Opening the zones…</main>}>
      <ZonesWorkspace {...(id ? { id } : {})} dark={c.settings.theme === 'dark'} now={c.now} />
    </Suspense>
  );
}
