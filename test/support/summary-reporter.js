const { writeSync } = require('node:fs');

// Ends every run with one plain line that any CI can read: "tests: N passed, N failed".
// Written at exit, so it comes after jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
    process.once('exit', () => writeSync(2, line));
  }
}

module.exports = SummaryReporter;
