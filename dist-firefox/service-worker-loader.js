import './assets/index.ts-BQcoQDk2.js';
