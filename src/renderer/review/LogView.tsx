/** The acknowledgement log: filters, a status line that says how much is loaded, the table, the CSV export. */
import { useCallback, useMemo, useState } from 'react';
import type { Person } from '../../shared/ipc-review.js';
import { HubProblem } from '../console/HubProblem.js';
import { tas } from '../api.js';
import { DownloadButton } from './DownloadButton.js';
import { LogFilters } from './LogFilters.js';
import { EMPTY_FORM, filterOf, type FilterForm } from './logFilter.js';
import { LogTable } from './LogTable.js';
import { useHubAnswer } from './useHubAnswer.js';
import { useLogPages } from './useLogPages.js';

export function usePeople(): Person[] {
  const people = useHubAnswer(() => tas().invoke('review:people'), 'people');
  return people.state === 'ok' ? people.value.items : [];
}

export function LogView(): React.JSX.Element {
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [order, setOrder] = useState<'desc' | 'asc'>('desc');
  const people = usePeople();
  const filter = useMemo(() => filterOf(form, order), [form, order]);
  const log = useLogPages(filter);
  const onChange = useCallback((f: FilterForm) => setForm(f), []);

  const count = log.rows.length.toLocaleString('en-US');
  const status = log.error
    ? ''
    : log.loading && log.rows.length === 0
      ? 'Loading…'
      : log.rows.length === 0
        ? 'No entries match these filters.'
        : log.more
          ? `${count} entries loaded, ${order === 'desc' ? 'newest' : 'oldest'} first; more load as you scroll.`
          : `${count} ${log.rows.length === 1 ? 'entry' : 'entries'}: all that match.`;

  return (
    <section className="review-log" aria-labelledby="log-title">
      <div className="review-head">
        <h2 id="log-title">Acknowledgement log</h2>
        <DownloadButton request={{ what: 'log.csv', filter }} testId="export-log">
          Export these entries (CSV)
        </DownloadButton>
      </div>
      <LogFilters form={form} onChange={onChange} people={people} />
      <p
        className="log-status"
        role="status"
        data-testid="log-status"
        data-first-page-ms={log.firstPageMs}
        data-loading={log.loading}
      >
        {status}
      </p>
      {log.error ? (
        <HubProblem error={log.error} what="the log" onRetry={log.reload} />
      ) : (
        <LogTable
          query={log.query}
          rows={log.rows}
          more={log.more}
          loading={log.loading}
          order={order}
          onOrder={setOrder}
          onNeedMore={log.loadMore}
        />
      )}
    </section>
  );
}
