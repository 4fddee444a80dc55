// In-memory IndexedDB for Node (globals indexedDB, IDBKeyRange …), imported before the store module opens it.
import 'fake-indexeddb/auto';
