import fc from 'fast-check';
import { orderByKeyDescending } from '../../lambda/util/sort-by-key';

interface Item {
  readonly key: number;
  readonly name: string;
  /** Where the item came in: tells apart items that neither the key nor the name orders. */
  readonly arrival: number;
}

const byName = (a: Item, b: Item) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const keyOf = (item: Item) => item.key;
const comparatorSort = (items: readonly Item[]) => [...items].sort((a, b) => keyOf(b) - keyOf(a) || byName(a, b));
/** The items in the order the function gives. */
const inOrder = (items: readonly Item[]) => Array.from(orderByKeyDescending(items, keyOf, byName), (index) => items[index]);

const items = (key: fc.Arbitrary<number>) =>
  fc.array(fc.record({ key, name: fc.constantFrom('a', 'b', 'c') }), { maxLength: 60 }).map((drafts) => drafts.map((draft, arrival): Item => ({ ...draft, arrival })));

describe('orderByKeyDescending', () => {
  it.each([
    ['few distinct keys, so most items tie', fc.integer({ min: -3, max: 3 })],
    ['whole milliseconds, with an emergency offset', fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 5e9 })).map(([emergency, age]) => (emergency ? 1e13 : 0) + age)],
    ['any double, zeros and infinities included', fc.double({ noNaN: true })],
    ['NaN among them', fc.oneof(fc.constant(Number.NaN), fc.integer({ min: 0, max: 3 }))],
  ])('orders as the comparator sort does: %s', (_title, key) => {
    fc.assert(
      fc.property(items(key), (drawn) => {
        expect(inOrder(drawn)).toEqual(comparatorSort(drawn));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('leaves its input as it was', () => {
    const input: Item[] = [{ key: 1, name: 'a', arrival: 0 }, { key: 2, name: 'b', arrival: 1 }];
    orderByKeyDescending(input, keyOf, byName);
    expect(input.map((item) => item.arrival)).toEqual([0, 1]);
  });
});
