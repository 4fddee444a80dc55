// The IndexedDB database's name, apart from db.ts so that a page can name it without bundling idb.
export const DB_NAME = 'mbi-watch';
