/** Placeholder: the refusal reasons (filled in with the catalog's coverage). */
export type RefusalReason = 'cluster-metadata';
