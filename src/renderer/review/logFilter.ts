/** What the log's filter form holds, and the hub query it makes. Pure, unit-tested. */
import type { LogFilter } from '../../shared/ipc-review.js';
import { AckType, VerificationResult } from '../../shared/protocol/ack.js';
import { CATEGORIES, type Category } from '../../shared/protocol/categories.js';
import { dayEnd, dayStart } from './format.js';

export interface FilterForm {
  from: string;
  to: string;
  user: string;
  unit: string;
  category: string;
  step: string;
  result: string;
  text: string;
}

export const EMPTY_FORM: FilterForm = {
  from: '',
  to: '',
  user: '',
  unit: '',
  category: '',
  step: '',
  result: '',
  text: '',
};

/** The hub query of what the form holds; an unusable value (a half-typed date) is left out. */
export function filterOf(form: FilterForm, order: 'desc' | 'asc'): LogFilter {
  const since = form.from ? dayStart(form.from) : undefined;
  const until = form.to ? dayEnd(form.to) : undefined;
  const step = AckType.safeParse(form.step);
  const result = VerificationResult.safeParse(form.result);
  const text = form.text.trim().toUpperCase();
  return {
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(form.user ? { user: form.user } : {}),
    ...(form.unit ? { unit: form.unit } : {}),
    ...((CATEGORIES as readonly string[]).includes(form.category)
      ? { category: form.category as Category }
      : {}),
    ...(step.success ? { step: step.data } : {}),
    ...(result.success ? { result: result.data } : {}),
    ...(text ? { q: text.slice(0, 64) } : {}),
    order,
  };
}
