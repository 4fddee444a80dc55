import { measureStorage } from './storage-growth';
const r = await measureStorage(Date.now() + 400_000, console.log);
console.log(JSON.stringify(r));
