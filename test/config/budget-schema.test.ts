import { parseBudget } from '../../lambda/config/budget-schema';

describe('parseBudget', () => {
  it.each<[string, ReturnType<typeof parseBudget>]>([
    ['1', { kind: 'count', value: 1 }],
    [' 12 ', { kind: 'count', value: 12 }],
    ['25%', { kind: 'percent', value: 25 }],
    ['12.5%', { kind: 'percent', value: 12.5 }],
    ['100%', { kind: 'percent', value: 100 }],
    ['0', undefined],
    ['0%', undefined],
    ['100.1%', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['abc', undefined],
    ['25 %', undefined],
    ['', undefined],
  ])('%p => %p', (text, expected) => {
    expect(parseBudget(text)).toEqual(expected);
  });
});
