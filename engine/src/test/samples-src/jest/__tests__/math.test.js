describe('math', () => {
  test('adds numbers', () => {
    expect(1 + 2).toBe(3);
  });

  test('fails an assertion', () => {
    expect({ a: 1, b: [1, 2] }).toEqual({ a: 1, b: [1, 3] });
  });

  test('throws an error', () => {
    const obj = undefined;
    return obj.property;
  });

  test.skip('is skipped with test.skip', () => {
    expect(true).toBe(false);
  });

  test.todo('is a todo with test.todo');

  test('logs to console', () => {
    console.log('hello from console.log');
    console.error('hello from console.error');
    expect(true).toBe(true);
  });

  describe('nested <describe> & "quotes"', () => {
    test.each([[1, 1, 2], [2, 2, 5]])('add(%i, %i) = %i', (a, b, expected) => {
      expect(a + b).toBe(expected);
    });
  });
});
