describe.skip('a skipped describe', () => {
  test('never runs 1', () => {});
  test('never runs 2', () => {});
});

test('async test rejects', async () => {
  await expect(Promise.resolve('x')).rejects.toThrow('nope');
});
