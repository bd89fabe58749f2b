/**
 * The measures of every capability: each capability's index.ts hands its own (its
 * `<capability>/measures.ts`), and capabilities.ts gathers them. Kept here for the modules
 * that read them by this name.
 */
export { findMeasure, MEASURES } from '../capabilities.ts';
