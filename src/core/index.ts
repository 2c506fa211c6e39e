export * from './block';
export * from './chain-validation';
export * from './proof-of-work';
export * from './python-json';
export * from './pending-reconciliation';
export * from './sha256';
export * from './peer-answers';
export * from './chain-answer-splitter';
