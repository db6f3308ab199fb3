import {
  fieldListToRecord,
  toFieldList,
  type GatewayFieldList,
} from './gateway-fields.js';

describe('toFieldList', () => {
  it('returns a list as it is, without copying', () => {
    const list: GatewayFieldList = [
      ['b', '2'],
      ['a', '1'],
    ];
    expect(toFieldList(list)).toBe(list);
  });

  it('turns a record into its entries', () => {
    expect(toFieldList({ b: '2', a: '1' })).toEqual([
      ['b', '2'],
      ['a', '1'],
    ]);
  });
});

describe('fieldListToRecord', () => {
  it('reports repeated names instead of collapsing them silently, keeping the first value', () => {
    const { record, repeatedNames } = fieldListToRecord([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
      ['a', '4'],
    ]);
    expect({ ...record }).toEqual({ a: '1', b: '2' });
    expect(repeatedNames).toEqual(['a', 'a']);
  });

  it('treats __proto__ as an ordinary name', () => {
    const { record, repeatedNames } = fieldListToRecord([['__proto__', 'x']]);
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(record['__proto__']).toBe('x');
    expect(repeatedNames).toEqual([]);
  });
});
