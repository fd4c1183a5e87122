// Imported first by the extension pages' entries (popup, library), so the database starts
// opening while the rest of the page's script is still being evaluated: on a loaded machine the
// open took 40–50 ms of the first render when it began after that.
import { openDb } from './schema';

export const db = openDb();
// A failed open is reported by the reads that need the database (they try again).
db.open().catch(() => undefined);
