/** The UDFs `evaluate` plugins call (../plugins/), each declared once in its own runtime file. */
import type { ScalarUdf } from '../../db/engine.ts';
import { BAG_SLOT_TYPES } from './bag-slots.ts';
import { BASKET_PATTERNS } from './frequent-patterns.ts';
import { SCHEMA_MERGE } from './schema-merge.ts';

export const PLUGIN_UDFS: readonly ScalarUdf[] = [BAG_SLOT_TYPES, BASKET_PATTERNS, SCHEMA_MERGE];
