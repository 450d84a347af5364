/** Keytrail's version, kept in step with package.json by a test. */
export const KEYTRAIL_VERSION = '0.1.0';
