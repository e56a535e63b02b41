import { formatTable } from '../../cli/format-table';

describe('formatTable', () => {
  it('pads every column but the last to its widest cell, under a dashed rule', () => {
    expect(formatTable(['GROUP', 'NEXT RUN'], [['web', 'terminate'], ['payments', 'deferred: exempt']])).toBe(
      ['GROUP     NEXT RUN', '--------  ----------------', 'web       terminate', 'payments  deferred: exempt'].join('\n'),
    );
  });

  it('prints only the header for no rows', () => {
    expect(formatTable(['A', 'B'], [])).toBe('A  B\n-  -');
  });
});
