import {
  mountRoot,
  readFormFields,
  type SimulatorRequest,
} from './simulator-request.js';

const request = (fields: Partial<SimulatorRequest>) =>
  fields as SimulatorRequest;

describe('readFormFields', () => {
  it('reads the exact raw fields when rawBody is there: repeated, empty and bracketed names kept', () => {
    const req = request({
      rawBody: Buffer.from('A=1&B=&a%5Bb%5D=x+y&A=2'),
      body: { ignored: 'yes' },
    });
    expect(readFormFields(req)).toEqual([
      ['A', '1'],
      ['B', ''],
      ['a[b]', 'x y'],
      ['A', '2'],
    ]);
  });

  it('falls back to the parsed body, keeping only string fields', () => {
    expect(
      readFormFields(request({ body: { A: '1', B: { c: '2' } } })),
    ).toEqual([['A', '1']]);
    expect(readFormFields(request({}))).toEqual([]);
  });
});

describe('mountRoot', () => {
  it.each([
    ['/Cashier/AioCheckOut/V5', '/Cashier/AioCheckOut/V5', ''],
    ['/gw/Cashier/AioCheckOut/V5?x=1', '/Cashier/AioCheckOut/V5', '/gw'],
    ['/a/b/simulator/', '/simulator', '/a/b'],
    ['/elsewhere', '/simulator', ''],
  ])('%s minus %s is %p', (originalUrl, route, root) => {
    expect(mountRoot(request({ originalUrl }), route)).toBe(root);
  });
});
