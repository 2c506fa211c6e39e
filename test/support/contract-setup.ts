import { contractCheckedFetch, takeViolations } from './contract-guard';

// Every test file of the e2e project runs this first (jest-e2e.config.js, setupFilesAfterEnv).
globalThis.fetch = contractCheckedFetch(globalThis.fetch);

afterEach(() => {
  const violations = takeViolations();
  if (violations.length > 0) throw new Error(`Answers broke the OpenAPI document:\n${violations.join('\n')}`);
});
