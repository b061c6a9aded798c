export * from './hierarchy.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './registry.ts';
export * from './programs.ts';
export * from './campaigns.ts';
export * from './analysis.ts';
export * from './management.ts';
