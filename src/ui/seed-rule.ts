/**
 * The seed detection bundled with Loupe ("Non-Interactive Sign-Ins by Identity Protection Risky
 * Users", static/demo/risky-user-silent-signins.yaml), offered in the rule picker.
 */
import text from '../../static/demo/risky-user-silent-signins.yaml?raw';

export const SEED_RULE = { text, fileName: 'risky-user-silent-signins.yaml' } as const;
