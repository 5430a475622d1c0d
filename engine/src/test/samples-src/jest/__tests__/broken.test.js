// This file fails to load: jest reports "Test suite failed to run".
const missing = require('./does-not-exist');

test('never reached', () => {
  expect(missing).toBeDefined();
});
