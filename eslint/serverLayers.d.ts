import type { Rule } from 'eslint';

export const SERVER_LAYERS: string[][];
export const serverLayers: Rule.RuleModule;
