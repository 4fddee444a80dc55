// In-memory IndexedDB for Node (globals indexedDB, IDBKeyRange …), loaded only by the storage simulation.
import 'fake-indexeddb/auto';
