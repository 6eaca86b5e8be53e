/**
 * The log's filters: date range, user, unit, category, step, verification result, and one text box
 * for a plate or a case number. Each change asks the hub again (the text after a short pause).
 */
import { useEffect, useState } from 'react';
import type { Person } from '../../shared/ipc-review.js';
import { AckType, VerificationResult } from '../../shared/protocol/ack.js';
import { CATEGORIES, CATEGORY_LABELS } from '../../shared/protocol/categories.js';
import { RESULT_WORDS, STEP_WORDS } from './format.js';
import { EMPTY_FORM, type FilterForm } from './logFilter.js';

function Pick({
  label,
  value,
  onChange,
  options,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: [string, string][];
  testId: string;
}): React.JSX.Element {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">All</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LogFilters({
  form,
  onChange,
  people,
}: {
  form: FilterForm;
  onChange: (f: FilterForm) => void;
  people: Person[];
}): React.JSX.Element {
  const [text, setText] = useState(form.text);
  useEffect(() => setText(form.text), [form.text]);
  // Typing a plate asks the hub once the typing pauses, not at every key.
  useEffect(() => {
    if (text === form.text) return;
    const t = setTimeout(() => onChange({ ...form, text }), 300);
    return () => clearTimeout(t);
  }, [text, form, onChange]);

  const set = (key: keyof FilterForm) => (value: string) => onChange({ ...form, [key]: value });
  const units = [...new Set(people.map((p) => p.unit).filter((u): u is string => Boolean(u)))].sort();
  const users = [...people].sort((a, b) => a.username.localeCompare(b.username));
  const active = Object.entries(form).some(([, v]) => v !== '');

  return (
    <form
      className="log-filters"
      role="search"
      aria-label="Filter the log"
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        From
        <input
          type="date"
          value={form.from}
          onChange={(e) => set('from')(e.target.value)}
          data-testid="filter-from"
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={form.to}
          onChange={(e) => set('to')(e.target.value)}
          data-testid="filter-to"
        />
      </label>
      <Pick
        label="User"
        value={form.user}
        onChange={set('user')}
        testId="filter-user"
        options={users.map((u) => [u.id, `${u.username} (${u.displayName})`])}
      />
      <Pick
        label="Unit"
        value={form.unit}
        onChange={set('unit')}
        testId="filter-unit"
        options={units.map((u) => [u, u])}
      />
      <Pick
        label="Category"
        value={form.category}
        onChange={set('category')}
        testId="filter-category"
        options={CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]])}
      />
      <Pick
        label="Step"
        value={form.step}
        onChange={set('step')}
        testId="filter-step"
        options={AckType.options.map((s) => [s, STEP_WORDS[s]])}
      />
      <Pick
        label="Verification"
        value={form.result}
        onChange={set('result')}
        testId="filter-result"
        options={VerificationResult.options.map((r) => [r, RESULT_WORDS[r] ?? r])}
      />
      <label className="grow">
        Plate or case number
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. ABC1234 or 2026-00123"
          maxLength={64}
          data-testid="filter-text"
        />
      </label>
      <button type="button" className="secondary" disabled={!active} onClick={() => onChange(EMPTY_FORM)}>
        Clear filters
      </button>
    </form>
  );
}
