// The database's name and newest schema version, apart from schema.ts (which declares the
// versions) so that code without Dexie can check what it opens (first-screen.ts: records of an
// older version lack fields the pages rely on until Dexie has upgraded them). A unit test
// (first-screen.test.ts) checks that SCHEMA_VERSION is schema.ts's newest version.
export const DB_NAME = 'shelfmark';
export const SCHEMA_VERSION = 10;
/** Dexie opens version n as IndexedDB version n × 10. */
export const IDB_VERSION = SCHEMA_VERSION * 10;
