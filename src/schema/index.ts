export * from './primitives';
export * from './inline';
export * from './blocks';
export * from './content';
export * from './api';
export * from './comments';
export * from './limits';
export * from './sections';
