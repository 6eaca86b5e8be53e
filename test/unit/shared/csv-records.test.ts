import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../src/shared/csv-records.js';

describe('csvRecords', () => {
  it('keeps quoted commas, doubled quotes and line breaks, and the line each record starts on', () => {
    const text = 'a,b,c\r\n1,"two, too","say ""hi"""\n2,"line one\nline two",x\n3,,\n';
    expect(csvRecords(text)).toEqual({
      records: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['1', 'two, too', 'say "hi"'] },
        { line: 3, fields: ['2', 'line one\nline two', 'x'] },
        { line: 5, fields: ['3', '', ''] },
      ],
    });
  });

  it('names the line of a quoted field that never closes', () => {
    expect(csvRecords('a,b\n1,2\n3,"open\n4,5\n')).toEqual({ records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }], unclosed: 3 });
  });
});
