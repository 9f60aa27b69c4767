/** The UDFs `evaluate` plugins call (../plugins/), each declared once in its own runtime file. */
export { BAG_SLOT_TYPES } from './bag-slots.ts';
export { BASKET_PATTERNS } from './frequent-patterns.ts';
export { SCHEMA_MERGE } from './schema-merge.ts';
