const assert = require('assert');

describe('Basic', function () {
  it('passes', function () {
    console.log('stdout from passes');
    // mocha-junit-reporter only writes <system-out>/<system-err> (option outputs=true)
    // from test.consoleOutputs / test.consoleErrors, which a plugin or the test must fill.
    this.test.consoleOutputs = ['captured stdout line 1', 'line 2 with <markup> & ampersand'];
    this.test.consoleErrors = ['captured stderr line'];
    assert.strictEqual(1 + 1, 2);
  });

  it('fails an assertion', function () {
    assert.deepStrictEqual({ a: 1 }, { a: 2 });
  });

  it('throws a TypeError', function () {
    null.foo();
  });

  it('is pending without a body');

  it.skip('is skipped with it.skip', function () {});

  it('skips itself at runtime', function () {
    this.skip();
  });

  describe('nested <suite> & "quotes"', function () {
    it('passes inside nested', function () {});
  });
});

describe('Pending suite', function () {
  before(function () {});
  xit('is xit', function () {});
});
