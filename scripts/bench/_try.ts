import { measureStorage } from './storage-growth';
const r = await measureStorage(console.log);
console.log(JSON.stringify(r));
