const assert = require('assert');

describe('Hook failure', function () {
  before(function () {
    throw new Error('database connection failed in before hook');
  });

  it('never runs 1', function () {});
  it('never runs 2', function () {});
});

describe('AfterEach failure', function () {
  afterEach(function () {
    assert.fail('cleanup failed in afterEach');
  });

  it('runs once then afterEach fails', function () {});
  it('is never reached', function () {});
});

describe('Async', function () {
  it('times out', function (done) {
    this.timeout(50);
    // never calls done()
  });

  it('rejects', async function () {
    throw new RangeError('async rejection');
  });
});
